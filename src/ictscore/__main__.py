from ictscore.cli.fast import main

raise SystemExit(main())
