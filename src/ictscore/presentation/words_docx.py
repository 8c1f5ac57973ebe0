"""The words of the Word report (the administrative form of NĐ 30/2020), Vietnamese and English.

Kept apart from `words.py` and in one place, keyed like it, so that moving them into the message
catalogue is one file's work. The report's own sentences (the lines and table heads the Markdown
report also prints) come from `words.py`, so the two reports say the same thing the same way.
"""

from __future__ import annotations

BLANK = "……………"
"""What an absent scenario key leaves: a dotted space to fill in by hand, as a Sở's form has."""

_VI = {
    "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "number": "Số: {number}",
    "number_blank": "…/BC-…",
    "date": "{place}, ngày … tháng … năm …",
    "kind": "BÁO CÁO",
    "summary": "Kết quả {framework} và phương án nâng hạng của {focus}",
    "opening": "{agency} báo cáo kết quả đánh giá, xếp hạng theo {framework} và phương án "
    "nâng hạng như sau:",
    "the_agency": "Đơn vị",
    "s1": "KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG",
    "s1_pillars": "Điểm và hạng theo từng trụ cột",
    "s1_standouts": "Điểm mạnh, điểm yếu",
    "s1_sources": "Nguồn số liệu",
    "s2": "PHƯƠNG ÁN NÂNG HẠNG",
    "s2_whatif": "Phương án giả định",
    "s2_plan": "Các giải pháp, kinh phí và hạng dự kiến",
    "no_levers": "Kịch bản chưa nêu giải pháp nào kèm kinh phí, nên chưa lập được kế hoạch "
    "thực hiện.",
    "change_basis": "Căn cứ",
    "s3": "KIẾN NGHỊ",
    "ask_budget": "Đề nghị {whom} xem xét, bố trí kinh phí {cost} để thực hiện {k} giải pháp "
    "nêu tại mục II, hướng tới hạng {rank}/{n}.",
    "ask_levers": "Đề nghị {whom} xem xét, chỉ đạo thực hiện {k} giải pháp nêu tại mục II.",
    "ask_weak": "Giao các bộ phận chuyên môn ưu tiên cải thiện các chỉ tiêu còn yếu: {names}.",
    "ask_target": "Phương án trên chưa đạt mục tiêu hạng {target}; cần bổ sung giải pháp hoặc "
    "nguồn lực.",
    "ask_estimate": "Kinh phí nêu trên có khoản là ước tính; cần lập dự toán chi tiết trước khi "
    "phê duyệt.",
    "ask_check": "Rà soát, đối chiếu số liệu trong báo cáo này với số liệu chính thức trước "
    "khi ban hành.",
    "whom_default": "lãnh đạo",
    "recipients": "Nơi nhận:",
    "recipients_default": "Lưu: VT",
    "figure": "Biểu đồ {k}. {title}",
    "legend_base": "Hiện trạng",
    "legend_whatif": "Giả định",
    "legend_better": "Hạng tốt hơn hạng chung",
    "legend_worse": "Hạng kém hơn hạng chung",
}

_EN = {
    "nation": "SOCIALIST REPUBLIC OF VIETNAM",
    "motto": "Independence - Freedom - Happiness",
    "number": "No.: {number}",
    "number_blank": "…/BC-…",
    "date": "{place}, day … month … year …",
    "kind": "REPORT",
    "summary": "Results on the {framework} and the plan to rise in the ranking of {focus}",
    "opening": "{agency} reports its results on the {framework} and its plan to rise in the "
    "ranking as follows:",
    "the_agency": "The agency",
    "s1": "RESULTS",
    "s1_pillars": "Score and rank on each pillar",
    "s1_standouts": "Strengths and weaknesses",
    "s1_sources": "Sources",
    "s2": "PLAN TO RISE IN THE RANKING",
    "s2_whatif": "What-if",
    "s2_plan": "Levers, costs and projected rank",
    "no_levers": "The scenario lists no levers with their costs, so no plan could be drawn up.",
    "change_basis": "Basis",
    "s3": "RECOMMENDATIONS",
    "ask_budget": "We ask {whom} to consider allocating {cost} for the {k} levers of section "
    "II, towards rank {rank} of {n}.",
    "ask_levers": "We ask {whom} to consider directing the {k} levers of section II.",
    "ask_weak": "The departments should give priority to the weakest indicators: {names}.",
    "ask_target": "This plan does not reach the target rank {target}; more levers or resources "
    "are needed.",
    "ask_estimate": "Some of the costs above are estimates; a detailed budget is needed before "
    "approval.",
    "ask_check": "Check the numbers of this report against the official figures before it is "
    "issued.",
    "whom_default": "the leadership",
    "recipients": "Recipients:",
    "recipients_default": "Archived: VT",
    "figure": "Chart {k}. {title}",
    "legend_base": "Baseline",
    "legend_whatif": "What-if",
    "legend_better": "Ranked better than overall",
    "legend_worse": "Ranked worse than overall",
}

_ALL = {"vi": _VI, "en": _EN}


def tr(key: str, lang: str, **fields: object) -> str:
    text = _ALL[lang][key]
    return text.format(**fields) if fields else text
