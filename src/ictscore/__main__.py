from ictscore.cli.main import main

raise SystemExit(main())
