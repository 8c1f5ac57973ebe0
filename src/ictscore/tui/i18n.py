"""Interface strings in Vietnamese and English.

Strings are written in English in the code and looked up here for Vietnamese, so a screen added
later (the planner's) only has to add its lines to `VI`. Node labels come from the criteria files,
numbers from `ictscore.display`.
"""

from __future__ import annotations

VI: dict[str, str] = {
    # bindings
    "Save": "Lưu",
    "Save as": "Lưu thành",
    "Undo": "Hoàn tác",
    "Redo": "Làm lại",
    "Help": "Trợ giúp",
    "Language": "Ngôn ngữ",
    "Open": "Mở",
    "Focus": "Đơn vị",
    "Target rank": "Hạng mục tiêu",
    "Compare": "So sánh",
    "Quit": "Thoát",
    "Edit": "Sửa",
    "Step up": "Tăng",
    "Step down": "Giảm",
    "Reset": "Khôi phục",
    "Reset all": "Khôi phục tất cả",
    "Sort": "Sắp xếp",
    "Charts": "Biểu đồ",
    "Ranking": "Xếp hạng",
    "Back": "Quay lại",
    "Add scenario": "Thêm kịch bản",
    "Close": "Đóng",
    "Commands": "Lệnh",
    # binding tooltips / palette help
    "Save the scenario (atomic; asks if the file changed on disk)": "Lưu kịch bản (an toàn; hỏi nếu tệp đã bị sửa)",  # noqa: E501
    "Save the scenario to another file": "Lưu kịch bản sang tệp khác",
    "Undo the last edit": "Hoàn tác thay đổi cuối",
    "Redo the edit undone": "Làm lại thay đổi vừa hoàn tác",
    "Keys and how the planner works": "Các phím và cách dùng",
    "Switch between Vietnamese and English": "Chuyển tiếng Việt / tiếng Anh",
    "Open another scenario": "Mở kịch bản khác",
    "Choose the focus entity": "Chọn đơn vị trọng tâm",
    "Set the rank to aim for": "Đặt hạng cần đạt",
    "Compare saved scenarios side by side": "So sánh các kịch bản đã lưu",
    "Quit (asks when there are unsaved changes)": "Thoát (hỏi nếu còn thay đổi chưa lưu)",
    "Type a new value for the selected indicator": "Nhập giá trị mới cho chỉ tiêu đang chọn",
    "One step up": "Tăng một bước",
    "One step down": "Giảm một bước",
    "Back to the baseline value": "Trở về giá trị hiện trạng",
    "Undo every edit (redo brings them back)": "Hoàn tác mọi thay đổi (làm lại để khôi phục)",
    "Sort the ranking by the total or a pillar": "Sắp xếp theo tổng điểm hoặc chỉ số chính",
    "Show the charts or the ranking": "Hiện biểu đồ hoặc bảng xếp hạng",
    # panels
    "Framework": "Bộ tiêu chí",
    "Summary": "Tóm tắt",
    "Total": "Tổng điểm",
    "entities": "đơn vị",
    "Rank": "Hạng",
    "Score": "Điểm",
    "Grade": "Xếp loại",
    "Entity": "Đơn vị",
    "Baseline": "Hiện trạng",
    "What-if": "Giả định",
    "Value": "Giá trị",
    "Rule": "Cách tính",
    "Range": "Khoảng",
    "step": "bước",
    "of": "trên",
    "Gap to": "Cách",
    "above": "phía trên",
    "Leader": "Dẫn đầu",
    "Median": "Trung vị",
    "Entity above": "Đơn vị trên",
    "Pillars": "Các chỉ số chính",
    "Rank across the range of": "Hạng theo giá trị của",
    "current": "hiện tại",
    "Already the best": "Đang đứng đầu",
    "Target rank {rank}": "Hạng mục tiêu {rank}",
    "reached": "đã đạt",
    "needs {gap}": "cần thêm {gap}",
    "no target rank (press t)": "chưa đặt hạng mục tiêu (phím t)",
    "sorted by": "theo",
    "Select an indicator to edit it; aggregates are computed from their parts.": "Chọn một chỉ tiêu để sửa; chỉ số tổng hợp được tính từ các thành phần.",  # noqa: E501
    "computed from its parts": "tính từ các thành phần",
    "edits": "thay đổi",
    "unsaved": "chưa lưu",
    "New value for": "Giá trị mới cho",
    # messages
    "Saved to {path}": "Đã lưu vào {path}",
    "Nothing to undo": "Không có gì để hoàn tác",
    "Nothing to redo": "Không có gì để làm lại",
    "Undone: {what}": "Đã hoàn tác: {what}",
    "Redone: {what}": "Đã làm lại: {what}",
    "Refused: {msg}": "Không nhận: {msg}",
    "{node} is computed from its parts; select an indicator": "{node} được tính từ các thành phần; hãy chọn một chỉ tiêu",  # noqa: E501
    "Already at the end of its range": "Đã ở đầu mút của khoảng giá trị",
    "Back to baseline: {what}": "Đã về hiện trạng: {what}",
    "Already at its baseline value": "Đang ở giá trị hiện trạng",
    "Undid {n} edits (ctrl+y brings them back)": "Đã hoàn tác {n} thay đổi (ctrl+y để làm lại)",
    "No edits to reset": "Không có thay đổi nào",
    "The file changed on disk since it was opened. Overwrite it?": "Tệp đã bị thay đổi trên đĩa kể từ khi mở. Ghi đè?",  # noqa: E501
    "{path} exists. Overwrite it?": "{path} đã có. Ghi đè?",
    "Saving would remove hand-written comments from the change list. Save anyway?": "Lưu sẽ xóa các ghi chú viết tay trong danh sách thay đổi. Vẫn lưu?",  # noqa: E501
    "There are unsaved changes.": "Còn thay đổi chưa lưu.",
    "Save them": "Lưu lại",
    "Discard them": "Bỏ đi",
    "Cancel": "Hủy",
    "Overwrite": "Ghi đè",
    "Save anyway": "Vẫn lưu",
    "Restore": "Khôi phục",
    "Discard": "Bỏ",
    (
        "An earlier session left {n} unsaved changes for this scenario (journal "
        "{path}). Restore them?"
    ): (
        "Phiên làm việc trước còn {n} thay đổi chưa lưu cho kịch bản này (nhật "
        "ký {path}). Khôi phục?"
    ),
    "The scenario file has changed since then.": "Tệp kịch bản đã thay đổi kể từ đó.",
    "Restored {n} changes": "Đã khôi phục {n} thay đổi",
    "Save as (path of the new TOML file)": "Lưu thành (đường dẫn tệp TOML mới)",
    "Open a scenario (path, or choose below)": "Mở kịch bản (đường dẫn, hoặc chọn bên dưới)",
    "Target rank (empty to clear)": "Hạng mục tiêu (để trống để bỏ)",
    "Cannot open {path}: {msg}": "Không mở được {path}: {msg}",
    "Cannot save: {msg}": "Không lưu được: {msg}",
    "Focus is now {name}; the edits without an entity follow it": (
        "Đơn vị trọng tâm: {name}; các thay đổi không ghi đơn vị áp dụng cho đơn vị này"
    ),
    "Find": "Tìm",
    "Find an indicator by name or id": "Tìm chỉ tiêu theo tên hoặc mã",
    "Back to the planner": "Quay lại màn hình chính",
    "Scenarios side by side": "So sánh kịch bản",
    "Differs": "Khác",
    "Only in {name}": "Chỉ có trong {name}",
    "(no changes)": "(không có thay đổi)",
    "Add a scenario to compare (path)": "Thêm kịch bản để so sánh (đường dẫn)",
    "Give at least two scenarios: press a to add one": "Cần ít nhất hai kịch bản: phím a để thêm",
    "this session": "phiên này",
    "Criterion": "Tiêu chí",
    "Not a whole number": "Không phải số nguyên",
}


def tr(text: str, lang: str, **fmt: object) -> str:
    out = VI.get(text, text) if lang == "vi" else text
    return out.format(**fmt) if fmt else out
