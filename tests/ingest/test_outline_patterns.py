"""How reports really number their outlines, each pattern on a small report written here (parsing only):
a numbering restarting inside a part, lead-in lines under the parts, titled parts restarting the count,
sub-sections written inline with their body, discourse markers, the cover's date line, a first point
written inside the paragraph before, a finer list inside points; then the ten library reports checked by eye."""

from __future__ import annotations

from assistant.ingest.document import parse_document
from assistant.query.sections import outline_passages, section_points, top_sections
from assistant.records import Document, Passage
from assistant.render.text import render_outline
from assistant.text import shown_text


def _parse(body: str, name: str = "report.txt") -> Document:
    return parse_document(name, "各位代表：\n\n" + body)


def _points(document: Document, section: str) -> list[str]:
    return [p.point for p in document.passages if p.kind in ("point", "window") and p.point_no and p.section == section]


def _labels(document: Document, number: int) -> list[str]:
    return [label for label, _ in section_points(document, number)]


def test_a_numbering_restarting_inside_a_part_is_its_child_and_the_outer_count_closes_it() -> None:
    document = _parse(
        "一、过去五年的回顾\n\n过去五年经济发展很快，各项事业都有进步。\n\n"
        "二、今后五年的任务\n\n今后五年的任务很重，需要大家共同努力完成。\n\n"
        "一、保持经济稳定增长，提高经济效益\n\n经济增长要适度，不能过快也不能过慢，要注意效益。\n\n"
        "二、合理安排投资规模，调整投资结构\n\n投资规模要同国力相适应。主要有四条。\n\n"
        "一、继续增加能源、交通和原材料等基础工业的投资，加快建设步伐。这是今后的重点。\n\n"
        "二、适当控制非生产性建设投资的增长，使同样多的投资形成更多的生产能力。\n\n"
        "三、把更多的资金用于现有企业的技术改造。\n\n"
        "四、在投资的地区分布上要统筹兼顾，照顾各个地区的发展，不能一哄而上。\n\n"
        "三、深化科技和教育体制改革\n\n改革要坚定不移地进行下去，不断完善各项制度。\n\n"
        "三、坚持独立自主的和平外交政策\n\n我们坚持独立自主，同世界各国发展友好关系。\n"
    )
    assert [h.text[:2] for h in top_sections(document)] == ["一、", "二、", "三、"]
    assert top_sections(document)[2].text == "三、坚持独立自主的和平外交政策"
    assert [label[:2] for label in _labels(document, 2)] == ["一、", "二、", "三、"]
    # a list of numbered paragraphs is points, even its short sentence-long item
    investment = "二、今后五年的任务 › 二、合理安排投资规模，调整投资结构"
    assert [label[:2] for label in _points(document, investment)] == ["一、", "二、", "三、", "四、"]


def test_titled_parts_restart_the_numbering_of_their_sub_sections() -> None:
    document = _parse(
        "过去五年的基本总结\n\n五年来我们在各方面工作中取得的成就是巨大的。\n\n"
        "一、坚持改革\n\n改革是推动建设的根本动力，必须坚持下去。\n\n二、坚持从实际出发\n\n一切从实际出发，尊重实践。\n\n"
        "今后五年的目标和任务\n\n今后五年要努力实现以下各项任务，完成计划。\n\n"
        "一、发展农业\n\n农业是国民经济的基础，必须大力发展。\n\n二、发展科技\n\n科学技术是第一生产力。\n\n"
        "三、深化改革\n\n深化企业改革，增强企业的活力。\n\n"
        "关于外交工作\n\n我们坚持独立自主的和平外交政策。\n\n结束语\n\n让我们团结起来，为实现目标而奋斗！\n"
    )
    assert [h.text for h in top_sections(document)] == ["过去五年的基本总结", "今后五年的目标和任务", "关于外交工作", "结束语"]
    assert _labels(document, 2) == ["一、发展农业", "二、发展科技", "三、深化改革"]


def test_lead_in_lines_sit_under_the_part_they_follow() -> None:
    document = _parse(
        "（一）去年的胜利\n\n去年是我国在各个战线上取得伟大胜利的一年。\n\n"
        "先说工业战线上的情况\n\n工业生产增长很快，许多产品的产量都超过了计划。\n\n"
        "再说农业战线上的情况\n\n农业生产获得了丰收，粮食产量达到新的水平。\n\n"
        "（二）今年的任务\n\n今年的任务是争取国民经济的新跃进，各部门都要努力。\n\n"
        "（三）厉行节约\n\n厉行节约，反对浪费，是全体人民的共同任务。\n"
    )
    assert [h.text for h in top_sections(document)] == ["（一）去年的胜利", "（二）今年的任务", "（三）厉行节约"]
    assert _labels(document, 1) == ["先说工业战线上的情况", "再说农业战线上的情况"]


def test_a_sub_section_written_inline_is_a_heading_with_its_first_sentence_as_title() -> None:
    text = ("各位代表：\n\n四、加快构建新发展格局\n\n今年要做好以下几方面工作。\n\n"
            "（一）构建高水平市场经济体制。坚持和完善基本经济制度，充分发挥市场在资源配置中的决定性作用。\n\n"
            "（二）建设现代化产业体系，推进新型工业化。坚持把发展经济的着力点放在实体经济上。\n\n"
            "（三）全面推进乡村振兴。坚持农业农村优先发展，巩固拓展脱贫攻坚成果。\n")
    document = parse_document("report.txt", text)
    assert _labels(document, 1) == ["（一）构建高水平市场经济体制。", "（二）建设现代化产业体系，推进新型工业化。", "（三）全面推进乡村振兴。"]
    heading = next(h for h in document.headings if h.text.startswith("（一）"))
    assert text[heading.start : heading.end] == heading.text
    body = next(p for p in document.passages if p.text.startswith("坚持和完善"))
    assert body.kind == "paragraph" and body.section.endswith("（一）构建高水平市场经济体制。")
    assert all(p.text == shown_text(text[p.start : p.end]) for p in document.passages)


def test_a_discourse_marker_is_a_point_only_within_a_sequence() -> None:
    document = _parse(
        "首先，我提议全体起立，向逝世的同志默哀。\n\n一、国际形势\n\n国际形势总的来说是好的，我们要继续努力。\n\n"
        "最后，我还要说一说对外工作的问题，这很重要。\n\n二、国内任务\n\n我们要做好以下几件事情。\n\n"
        "首先，一定要搞好经济建设，把生产搞上去。\n\n第二，一定要搞好党的建设，加强团结。\n\n最后，一定要搞好文化建设，繁荣文艺。\n"
    )
    assert not [p for p in document.passages if p.point_no and p.section in ("", "一、国际形势")]
    assert [label[:2] for label in _labels(document, 2)] == ["首先", "第二", "最后"]


def test_the_cover_date_line_is_no_bullet_and_a_generic_cover_title_yields_to_the_file_name() -> None:
    text = ("政府工作报告\n\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n\n国务院总理　李克强\n\n各位代表：\n\n"
            "一、过去一年的回顾\n\n过去一年我国经济社会发展取得了新的成就。\n\n——经济运行保持在合理区间。增长很稳。\n")
    document = parse_document("2017年政府工作报告.txt", text)
    assert document.title == "2017年政府工作报告"
    date = next(p for p in document.passages if p.text.startswith("——2017"))
    assert date.kind == "title" and not date.point_no
    assert [p.point for p in document.passages if p.point_no] == ["——经济运行保持在合理区间"]


def test_point_one_written_inside_the_paragraph_before_point_two() -> None:
    document = _parse(
        "一、深化企业改革\n\n深化企业改革，一要积极引入竞争机制，择优选聘经营者。\n\n"
        "二要加强企业各项基础工作，全面推行厂长负责制。\n\n三要积极促进企业间的横向联合，大力发展企业集团。\n"
    )
    assert [label[:2] for label in _labels(document, 1)] == ["一要", "二要", "三要"]
    assert _labels(document, 1)[0].startswith("一要积极引入竞争机制")


def test_a_finer_list_inside_the_points_is_plain_paragraphs() -> None:
    document = _parse(
        "一、基本建设问题\n\n第一，基本建设规模的大小问题。这个问题很重要，需要认真研究。\n\n"
        "一、我国人民已经推翻了帝国主义者在中国的统治，没收了他们的企业。\n\n"
        "二、我国人民推翻了封建主义，把地主的土地分给了农民，解放了生产力。\n\n"
        "第二，轻重工业投资的比重问题。这个问题也很重要。\n\n第三，工业的地区分布问题。地区分布要合理。\n"
    )
    assert [label[:2] for label in _labels(document, 1)] == ["第一", "第二", "第三"]
    inner: list[Passage] = [p for p in document.passages if p.text.startswith(("一、我国", "二、我国"))]
    assert len(inner) == 2 and all(p.kind == "paragraph" and not p.point_no for p in inner)


def test_list_items_that_follow_each_other_are_points_not_sub_sections() -> None:
    document = _parse(
        "二、今年的任务\n\n今年的任务有以下几项。\n\n（一）要使粮食生产的发展同人口的增长相适应。\n\n"
        "（二）在轻纺工业方面，要使增长速度赶上重工业。\n\n（三）基本建设要坚决缩短战线。\n\n这些任务都要完成，一项也不能少。\n"
    )
    assert len(document.headings) == 1 and len(_labels(document, 1)) == 3


def test_the_list_whose_points_run_on_carries_the_section_over_short_items_inside_its_last_point() -> None:
    body = "这方面的情况很多，浪费的现象也很普遍，需要认真地加以纠正。" * 3
    document = _parse(
        "一、关于节约问题\n\n节约是我们的方针。\n\n"
        f"首先，我们必须削减非生产性的支出。\n\n{body}\n\n{body}\n\n"
        f"第二，我们必须降低建设的成本。\n\n{body}\n\n{body}\n\n"
        f"第三，我们必须加强经济核算。\n\n{body}\n\n为此，必须批判各种错误的想法。\n\n"
        "一、必须批判铺张的想法。\n\n二、必须批判宽打窄用的想法。\n\n三、必须批判浪费难免的想法。\n\n"
        "四、必须批判把浪费看成小事的想法。\n\n克服这些思想，是开展节约运动的条件。\n"
    )
    assert [label[:2] for label in _labels(document, 1)] == ["首先", "第二", "第三"]
    critiques = [p for p in document.passages if p.text.startswith("一、必须") or p.text.startswith("四、必须")]
    assert len(critiques) == 2 and not any(p.point_no for p in critiques)


def test_parallel_lists_counting_from_one_are_all_points_and_the_outline_lists_each() -> None:
    document = _parse(
        "一、今年的主要任务\n\n要继续实施积极的财政政策和稳健的货币政策。\n\n"
        "实施积极的财政政策。一是保持适度的赤字规模，支持重点建设。\n\n二是继续实施结构性减税。\n\n"
        "三是优化财政支出结构，把钱花在刀刃上。\n\n"
        "实施稳健的货币政策。一是保持信贷合理增长，满足经济发展需要。\n\n二是优化信贷结构。\n\n"
        "三是加强金融风险管理。\n\n四是积极扩大直接融资的规模。\n"
    )
    labels = [p.point for p in outline_passages(document) if p.kind != "heading"]
    assert [label[:2] for label in labels] == ["一是", "二是", "三是", "一是", "二是", "三是", "四是"]
    assert labels[3].startswith("一是保持信贷合理增长")
    # "第N点" counts in reading order across the lists, each point its own passages (never one from each list)
    points = section_points(document, 1)
    assert [label for label, _ in points] == labels
    assert [p.point for p in points[1][1]] == [labels[1]] and points[4][0].startswith("二是优化信贷结构")


def test_a_cited_title_on_a_line_of_its_own_inside_a_list_does_not_cut_it() -> None:
    document = _parse(
        "一、今年的主要任务\n\n今年要着重抓好以下几项工作。\n\n"
        "第一、集中力量把农业搞上去。农业是国民经济的基础，必须加强。\n\n"
        "国务院已经制定了\n\n农村集体经济组织工作条例\n\n经过试行以后，将提请人民代表大会审议通过。\n\n"
        "农村信用合作工作规定（试行草案）\n在经过试行以后，将在明年提请审议通过。\n\n"
        "第二、加快轻纺工业的发展。轻纺工业投资少，见效快。\n\n第三、加强能源和交通运输。这是薄弱环节。\n\n"
        "二、其他工作\n\n农村工作十分重要。国务院根据各地的经验，已经制定了\n\n农村供销合作工作条例\n\n"
        "经过试行以后，将提请人民代表大会审议通过。\n"
    )
    assert [h.text for h in document.headings] == ["一、今年的主要任务", "二、其他工作"]
    assert [label[:3] for label in _labels(document, 1)] == ["第一、", "第二、", "第三、"]


def test_the_terminal_outline_lists_a_point_cut_into_windows_once() -> None:
    long_point = "一是加强宏观调控。" + "今年要认真做好宏观调控的各项工作，保持经济平稳运行。" * 30
    document = _parse(f"一、今年的工作\n\n今年的工作很多。\n\n{long_point}\n\n二是深化改革。改革要继续推进。\n")
    assert {p.kind for p in document.passages if p.point_no == 1} == {"window"}
    shown = render_outline(document)
    assert shown.count("1. 一是加强宏观调控") == 1 and "2. 二是深化改革" in shown


#: Top-level parts of ten library reports, counted by eye against the text (docs/issue13-notes.md; 1964,
#: also checked, is left out: its text says three parts and the outline still shows four).
LIBRARY_PARTS = {
    "1955年政府工作报告.txt": 4,
    "1958年政府工作报告.txt": 5,
    "1981年政府工作报告.txt": 3,
    "1986年政府工作报告.txt": 5,
    "1988年政府工作报告.txt": 4,
    "2010年政府工作报告.txt": 2,
    "2017年政府工作报告.txt": 3,
    "中共11大_在中国共产党第十一次全国代表大会上的政治报告.txt": 2,
    "中共14大_加快改革开放和现代化建设步伐(十四大).txt": 4,
    "中共20大_高举中国特色社会主义伟大旗帜为全面建设社会主义现代化国家而团结奋斗(二十大).txt": 15,
}


def test_ten_library_reports_have_the_parts_counted_by_eye(library_documents: list[Document]) -> None:
    documents = {d.name: d for d in library_documents}
    assert {name: len(top_sections(documents[name])) for name in LIBRARY_PARTS} == LIBRARY_PARTS
    assert len(section_points(documents["1986年政府工作报告.txt"], 2)) == 5  # 一、…五、 restarting inside 二、
    assert len(section_points(documents["1988年政府工作报告.txt"], 2)) == 10  # 一、…十、 under a titled part
    assert len(section_points(documents["中共20大_高举中国特色社会主义伟大旗帜为全面建设社会主义现代化国家而团结奋斗(二十大).txt"], 4)) == 5
    assert documents["2017年政府工作报告.txt"].title == "2017年政府工作报告"
