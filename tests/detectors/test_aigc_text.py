"""Generation traces in the words of a post (`qinglang.detectors.aigc_text`) and what the engine does with them:
unlabelled → `aigc_unlabeled` with the `aigc_explicit` mark (action `label`), vouched for as a real event → also
`aigc_deceptive` (review); labelled, declared, taught, reviewed, reported or denied → no action beyond the mark."""

from __future__ import annotations

import pytest

from qinglang.detectors import aigc_note, aigc_text
from qinglang.engine import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


# One row per class and syntax: the generator's own output format, not a post's wording.
TRACES = [
    ("--ar 16:9 --v 6.1 --style raw", "aigc.text.params.midjourney"),
    ("a girl in the rain --niji 6 --s 250", "aigc.text.params.midjourney"),
    ("--sref 12345 --cw 50", "aigc.text.params.midjourney"),
    ("Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 99812", "aigc.text.params.sd_infotext"),
    ("Negative prompt: lowres, bad hands", "aigc.text.params.sd_infotext"),
    ("<lora:hanfu_v2:0.8>, 1girl", "aigc.text.params.sd_infotext"),
    ("(masterpiece:1.2), 1girl", "aigc.text.params.sd_infotext"),
    ("Model hash: 6ce0161689", "aigc.text.params.sd_infotext"),
    ("反向提示词：模糊，低质量", "aigc.text.params.cn_fields"),
    ("采样步数：30", "aigc.text.params.cn_fields"),
    ("作为一个AI语言模型，我没有个人观点", "aigc.text.assistant.self"),
    ("As an AI language model, I cannot", "aigc.text.assistant.self"),
    ("以下是为您生成的小红书文案：", "aigc.text.assistant.preamble"),
    ("好的！以下是一篇关于养老的新闻稿", "aigc.text.assistant.preamble"),
    ("Certainly! Here is the caption", "aigc.text.assistant.preamble"),
    ("希望以上内容对您有帮助！", "aigc.text.assistant.closing"),
    ("如需进一步修改，请随时告诉我。", "aigc.text.assistant.closing"),
    ("自动脚本第12轮：今日好物推荐", "aigc.text.batch.script"),
    ("批量生成第37条", "aigc.text.batch.script"),
    ("这款{{产品名}}真的绝了", "aigc.text.batch.slot"),
    ("【此处插入品牌名】用了一个月", "aigc.text.batch.slot"),
    ('{"AIGC": {"Label": "1", "ContentProducer": "001191"}}', "aigc.text.metadata.annex_e"),
    ("digitalSourceType: trainedAlgorithmicMedia", "aigc.text.metadata.c2pa"),
    ("Made with AI", "aigc.text.metadata.platform"),
    ("Software: Midjourney", "aigc.text.metadata.software"),
    ("运动幅度：5，镜头控制：缓慢推近", "aigc.text.params.cn_fields"),
    ("seed: 2839471", "aigc.text.params.sd_infotext"),
    ("CLIPTextEncode → KSampler → VAEDecode", "aigc.text.params.comfyui"),
    ("Upscaled (Subtle) by @moon", "aigc.text.params.midjourney"),
    ("[Verse 1]\n夜色里的风\n[Chorus]\n我们一起", "aigc.text.params.song_tags"),
    ("已深度思考（用时 23 秒）\n关于这个问题", "aigc.text.assistant.ui"),
    ("截至我的知识截止日期，该政策尚未发布", "aigc.text.assistant.cutoff"),
    ('"ReservedCode1": "", "TC260:AIGC"', "aigc.text.metadata.annex_e"),
    ('"revised_prompt": "a cat astronaut"', "aigc.text.metadata.openai"),
]


@pytest.mark.parametrize(("text", "rule"), TRACES)
def test_each_trace_class_is_found_with_its_span(text: str, rule: str) -> None:
    found = aigc_text.find_traces(text)
    assert rule in {t.rule for t in found}, found
    t = next(t for t in found if t.rule == rule)
    assert text[t.start:t.end] == t.text and t.normalized == aigc_text.fold(t.text)


def test_tool_names_are_found_as_makers_and_hashtags_not_inside_words() -> None:
    for text in ("#即梦AI 夕阳", "用可灵生成的视频", "Sora做的短片", "#Midjourney"):
        assert any(t.cls == "tool" for t in aigc_text.find_traces(text)), text
    assert aigc_text.find_traces("made with Kling")[0].rule == "aigc.text.metadata.software"
    for text in ("#pikachu 好可爱", "时装周 #runway 看秀", "秋天的萤火虫"):
        assert not aigc_text.find_traces(text), text


@pytest.mark.parametrize("text", [
    # teaching, reviewing, reporting, warning: talking about generators, not publishing their output
    "Midjourney新手教程：--ar 16:9 表示画幅比例，--v 6 是模型版本",
    "SD参数科普：Steps: 30, Sampler: Euler a 是什么意思",
    "即梦和可灵哪个好用？测评了一周，用可灵生成的视频更稳",
    "可灵发布了2.0版本，官方宣布用可灵生成的视频支持1080p",
    "他总是说“作为一个AI语言模型”，笑死",
    "即梦出图后默认带“AI生成”水印，别去掉！发布时记得勾选作者声明",
    # a writer saying they did not use a generator
    "纯手绘，没用Midjourney，画了三天",
    # camera parameters of a real photo, an input method, a phone spec list
    "光圈f/1.8，ISO 100，快门1/250，焦段85mm",
    "[输入法候选词] 输入拼音lao shi",
    "合同初稿我改好了，有需要调整的地方请随时告诉我",
    "希望对你有帮助，有问题再问我",
])
def test_talk_about_generators_and_real_photos_carry_no_trace(text: str) -> None:
    assert not aigc_text.find_traces(text)


def test_presented_real_reads_claims_not_likenesses_or_questions() -> None:
    assert aigc_text.presented_real("原相机直出，一点没修")
    assert aigc_text.presented_real("刚刚在现场拍的")
    assert not aigc_text.presented_real("像真实照片吗？")
    assert not aigc_text.presented_real("跟实拍一样")
    assert not aigc_text.presented_real("这是实拍吗？")


def _decide(engine: Engine, text: str, **extra: object) -> tuple[str, dict[str, float], tuple[str, ...], set[str]]:
    d = engine.moderate({"id": "t", "text": text, **extra})
    labels = {lr.label: lr.score for lr in d.labels}
    rules = {ev.rule for lr in d.labels for ev in lr.evidence}
    return d.action, labels, d.marks, rules


def test_unlabelled_generator_output_gets_the_label_and_the_notice(engine: Engine) -> None:
    action, labels, marks, rules = _decide(engine, "今日份壁纸 🌸\n\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 7")
    assert action == "label" and "aigc_unlabeled" in labels and "aigc_explicit" in marks
    assert "aigc.text.params.sd_infotext" in rules
    action, labels, marks, _ = _decide(engine, "以下是为您生成的探店文案：这家火锅店汤底浓郁，服务贴心，强烈推荐！")
    assert action != "pass" and "aigc_unlabeled" in labels and "aigc_explicit" in marks


def test_unlabelled_output_vouched_for_as_a_real_capture_scores_higher(engine: Engine) -> None:
    _, plain, _, _ = _decide(engine, "稻城亚丁的云海 --ar 3:4 --v 6.0")
    _, real, _, rules = _decide(engine, "稻城亚丁的云海，原相机直出一点没修 --ar 3:4 --v 6.0")
    assert real["aigc_unlabeled"] > plain["aigc_unlabeled"]
    assert "aigc.text.presented_real" in rules


def test_a_tool_named_as_maker_counts_only_when_the_content_is_vouched_for_as_real(engine: Engine) -> None:
    action, labels, _, _ = _decide(engine, "用即梦画了一张敦煌飞天 #即梦AI")
    assert action == "pass" and not labels
    action, labels, _, _ = _decide(engine, "实拍！敦煌今天的晚霞 #即梦AI")
    assert "aigc_unlabeled" in labels and action != "pass"


def test_a_bare_tool_hashtag_is_a_trace_the_platform_labels(engine: Engine) -> None:
    action, labels, marks, rules = _decide(engine, "夕阳下的古镇，太美了 #即梦AI")
    assert action == "label" and labels["aigc_unlabeled"] == pytest.approx(0.55) and "aigc_explicit" in marks
    assert "aigc.text.tool.hashtag" in rules
    for text in ("#Midjourney 新手教程：如何写提示词", "可灵发布2.0了 #可灵AI", "即梦和可灵哪个好？测评 #即梦AI"):
        action, labels, _, _ = _decide(engine, text)
        assert action == "pass" and not labels, text


def test_unlabelled_output_passed_off_as_a_real_event_is_deceptive_and_reviewed(engine: Engine) -> None:
    action, labels, marks, rules = _decide(engine, "刚刚江边突发大火，浓烟滚滚 --ar 16:9 --v 6")
    assert {"aigc_unlabeled", "aigc_deceptive"} <= set(labels)
    assert action in ("review", "block") and "aigc_explicit" in marks
    assert "aigc.text.presented_real" in rules


def test_labelled_or_declared_output_keeps_only_the_mark(engine: Engine) -> None:
    for text, extra in (("（本图由AI生成）今日份壁纸 --ar 9:16 --niji 6", {}),
                        ("今日份壁纸 --ar 9:16 --niji 6", {"declared": {"ai_generated": True}})):
        action, labels, marks, _ = _decide(engine, text, **extra)
        assert action == "label" and "aigc_explicit" in marks
        assert not labels or all(s == 0.0 for s in labels.values()) or "aigc_unlabeled" not in labels


def test_generation_trace_in_a_media_note_counts(engine: Engine) -> None:
    d = engine.moderate({"id": "n", "text": "周末去了趟海边", "media": [
        {"path": "beach.png", "note": "Steps: 30, Sampler: Euler a, CFG scale: 7, Seed: 1234"}]})
    lr = next(lr for lr in d.labels if lr.label == "aigc_unlabeled")
    assert any(ev.field == "media[0].note" and ev.rule == "aigc.text.params.sd_infotext" for ev in lr.evidence)
    assert d.action != "pass"


# Session 12 frames (qinglang/frames/data/aigc.yaml): borrowed endorsements, AI buyer-shows, and the deceptive frames'
# unlabelled twins.
@pytest.mark.parametrize("text", [
    "某影帝亲口推荐的这款降压茶，点左下角小黄车",
    "王x老师亲自代言的护膝，今天直播间下单立减",
    "（视频中“知名主持人”口播）我喝这个茶三个月，大家点左下角就能买",
])
def test_a_public_figure_made_to_endorse_goods_is_unlabelled_ai(engine: Engine, text: str) -> None:
    action, labels, marks, rules = _decide(engine, text)
    assert "aigc_unlabeled" in labels and action != "pass" and "aigc_explicit" in marks
    assert "frame.aigc_unlabeled.borrowed_endorsement.borrowed_endorser" in rules


@pytest.mark.parametrize("text", [
    "店员亲口承认，全国门店都这样",  # a witness, not an endorsement
    "董宇辉推荐过这本书，我也买了一本，真的好看",  # a recommendation heard, nothing sold here
    "警惕！骗子用AI换脸冒充明星亲口推荐保健品，点小黄车前先核实",  # a warning
])
def test_ordinary_endorsement_talk_is_spared(engine: Engine, text: str) -> None:
    _, labels, _, _ = _decide(engine, text)
    assert "aigc_unlabeled" not in labels


def test_ai_model_pictures_passed_off_as_a_buyer_show(engine: Engine) -> None:
    action, labels, _, _ = _decide(engine, "家人们看看真实买家秀！这些都是AI模特一键换装出的上身效果")
    assert "aigc_unlabeled" in labels and action != "pass"
    action, labels, marks, _ = _decide(engine, "AI模特上身效果图，仅供参考（AI生成）")
    assert "aigc_unlabeled" not in labels and "aigc_explicit" in marks


def test_ai_passed_off_as_a_real_event_also_carries_the_missing_label(engine: Engine) -> None:
    action, labels, _, _ = _decide(engine, "用AI做的大坝决堤视频，现场画面太真实了，刚刚发生的")
    assert {"aigc_deceptive", "aigc_unlabeled"} <= set(labels) and action in ("review", "block")
    _, labels, _, _ = _decide(engine, "（AI生成）用AI做的大坝决堤视频，现场画面太真实了，刚刚发生的")
    assert "aigc_unlabeled" not in labels


def test_old_photos_and_calls_to_spread_vouch_for_reality() -> None:
    assert aigc_text.presented_real("清朝末年的真实彩色老照片")
    m = aigc_text.presented_real("大家多转发让救援快点过来")
    assert m is not None and m.group(0).startswith(aigc_text.REAL_EVENT)
    m = aigc_text.presented_real("原相机直出")
    assert m is not None and not m.group(0).startswith(aigc_text.REAL_EVENT)


@pytest.mark.parametrize(("note", "unlabeled"), [
    ("AI生成的图片", True),  # the platform's description says generated; nothing a viewer sees says so
    ("Midjourney出图", True),  # in a note a generator's name says the file is generated
    ("画面为AI合成，未标注", True),
    ("Midjourney作品", True),  # a generator's bare name describes the file
    ("数字人口播视频", True),
    ("真人实拍，非AI", False),  # the note denies generation
    ("右下角有“AI生成”水印", False),  # the note says the visible label is there
    ("海边日落，iPhone拍摄", False),
])
def test_a_media_note_describes_the_file_it_is_no_label(engine: Engine, note: str, unlabeled: bool) -> None:
    d = engine.moderate({"id": "n", "text": "周末去海边玩", "media": [{"note": note}]})
    labels = {lr.label for lr in d.labels}
    assert ("aigc_unlabeled" in labels) is unlabeled, (note, labels)
    if unlabeled:
        assert d.action != "pass" and "aigc_explicit" in d.marks


def test_label_shown_reads_a_present_label_not_a_missing_or_removed_one() -> None:
    assert aigc_note.label_shown("视频开头标注了AI合成")
    assert aigc_note.label_shown("右下角有“AI生成”水印")
    assert not aigc_note.label_shown("右下角的AI生成水印已被裁掉")
    assert not aigc_note.label_shown("无AI生成标识")
    assert not aigc_note.label_shown("AI生成的图片")


def test_a_lone_surrogate_is_folded_to_the_replacement_character() -> None:
    assert aigc_text.fold("加微信\ud800abc") == "加微信\ufffdabc"
    assert aigc_text.find_traces("作为一个AI语言模型\ud800") and not aigc_text.find_traces("\ud800")


# Session 18 (aigc18): what a media note says of the file, in the notice's terms and a detector's verdict.
@pytest.mark.parametrize(("note", "said"), [
    ("合成语音检测得分0.94，无呼吸与环境底噪", "合成语音"),  # a cloned voice, and a detector's score over a few words
    ("音色克隆特征明显", "音色克隆"),  # cloning, the voice named first
    ("画面水流异常，具生成视频特征", "生成视频特征"),  # a generator's features
    ("画面及简介均无AI生成标识", "AI生成"),  # no label on generated content: the negation is the label's
    ("按标识办法属于生成合成内容", "生成合成"),  # the notice's own term
])
def test_a_note_describes_generation_in_the_notices_terms(note: str, said: str) -> None:
    assert said in [t.text for t in aigc_note.described_in_note(note)]


@pytest.mark.parametrize("note", ["真人实拍，非AI生成", "没有AI合成", "原相机拍摄，手机型号见EXIF", "深度检测得分0.3"])
def test_a_note_that_denies_generation_describes_none(note: str) -> None:
    assert aigc_note.described_in_note(note) == []


def test_a_label_cut_from_the_file_is_no_label_shown() -> None:
    assert not aigc_note.label_shown("左下角原有'AI生成'字样被裁切，仅残留半个字")
    assert not aigc_note.label_shown("右下角AI生成水印已经糊掉了")
    assert aigc_note.label_shown("右下角有AI生成水印")


@pytest.mark.parametrize(("text", "told"), [
    ("用AI画了一组插画", True), ("AI绘图练习第30天", True), ("本图由即梦生成", True), ("这组AI插画送给大家", True),
    ("不是AI，我自己拍的", False), ("被人说是AI做的", False), ("随手拍的雪景", False), ("没用AI，纯手绘", False),
])
def test_disclosed_reads_the_posters_own_words_that_it_is_ai_made(text: str, told: bool) -> None:
    assert aigc_text.disclosed(text) is told


def test_a_label_hidden_under_a_named_means_is_no_label_shown() -> None:
    """Session 19 (story19): the passive may name the means before the act (被马赛克涂抹, 被贴纸挡住), and a mosaic or
    blur is itself a removal; a label shown stays shown."""
    assert not aigc_note.label_shown("左下角原有“AI生成”字样区域被马赛克涂抹")
    assert not aigc_note.label_shown("右上角AI生成角标被贴纸挡住了")
    assert not aigc_note.label_shown("AI生成水印打了码")
    assert aigc_note.label_shown("右下角有“AI生成”字样，清晰可见")
    # session 20 (aigc20): the removal is also read as a label cut from the file (`_label_cut`)
    assert [t.rule for t in aigc_note.described_in_note("左下角原有“AI生成”字样区域被马赛克涂抹")] == [
        "aigc.text.described.label_cut", "aigc.text.described.note"]


def test_a_chatbot_opening_at_the_head_of_the_post_is_its_output_whatever_the_pasted_text_says() -> None:
    """Session 19 (story19): a reply pasted with its opening (好的，以下是一篇…新闻稿：) is a trace even where the
    pasted text holds a review word (收费); the same opening quoted inside a review of the tool is not."""
    pasted = "好的，以下是一篇关于高速公路收费调整的新闻稿：\n【重磅】交通运输部今日宣布，ETC用户将按1.5倍标准收费"
    assert [t.rule for t in aigc_text.find_traces(pasted)] == ["aigc.text.assistant.preamble"]
    assert aigc_text.find_traces("这款写作工具测评：输入后它回“好的，以下是一篇关于春天的文章”，收费还挺贵") == []
    assert aigc_text.find_traces("写作工具测评：它开头总是好的，以下是一篇关于春天的文章，收费还挺贵") == []


def test_unlabelled_ai_found_only_in_a_media_note_is_labelled_through_the_engine(engine: Engine) -> None:
    """Session 19 (story19): a note saying the file is AI-made with no label, on a post whose words say nothing of AI,
    keeps its aigc_unlabeled (the stance stage no longer discounts a finding in the files alone)."""
    d = engine.moderate({"id": "n-1", "kind": "video", "text": "我家狗会自己开门取快递了哈哈哈",
                         "media": [{"path": "dog.mp4", "note": "AI生成视频，爪部形变异常，无AI标识"}]})
    assert "aigc_unlabeled" in {lr.label for lr in d.labels if lr.policy_rule}
    assert str(d.action) == "label"


def test_a_field_name_against_chinese_still_has_its_edge() -> None:
    """Session 20 (aigc20): the patterns read Latin words with ASCII edges, so a metadata field written against
    Chinese (ContentProducer为…, TC260:AIGC元数据) is found; a field said absent (C2PA无, 未读取到AIGC元数据) is not."""
    rules = [t.rule for t in aigc_text.find_traces("文件头里ContentProducer为某绘图平台")]
    assert rules == ["aigc.text.metadata.annex_e"]
    assert aigc_text.find_traces("未读取到AIGC元数据；C2PA无") == []


@pytest.mark.parametrize(("note", "said"), [
    ("图片元数据里AIGC Label=1，画面没有任何提示", "AIGC Label=1"),  # the Annex E field and its value
    ("JPEG的XMP里有AIGC: Label: '2'", "AIGC: Label: '2"),  # quoted, a possible label
    ("PNG文本块有AIGC字段", "AIGC字段"),  # the field said present
    ("平台判定为AI合成人像", "判定为AI合成"),  # a platform's verdict
    ("商品主图里的模特均为合成", "均为合成"),  # a piece named as generated
    ("直播画面由一张证件照驱动，口型僵硬", "照驱动"),  # a photo driven into speech
    ("评论由大模型批量生成", "大模型批量生成"),  # a model as the writer
    ("人脸替换处边缘闪烁", "人脸替换"),  # a face replaced
])
def test_a_note_records_the_implicit_label_or_a_verdict_of_generation(note: str, said: str) -> None:
    """Session 20 (aigc20): what a platform's note records of a file — its GB 45438 Annex E field, a detector's or a
    reviewer's verdict, a likeness made — says the file is generated."""
    assert any(said in t.text for t in aigc_note.described_in_note(note)), aigc_note.described_in_note(note)


@pytest.mark.parametrize("note", ["未读取到AIGC元数据", "AIGC字段不存在", "画面与本人采访一致，并非合成",
                                  "未见生成痕迹"])
def test_a_note_that_reads_no_implicit_label_describes_none(note: str) -> None:
    assert aigc_note.described_in_note(note) == []


def test_a_generation_label_cut_to_a_remnant_says_the_file_is_generated() -> None:
    """Session 20 (aigc20): a remnant of a generation label, or a generator's watermark said cut, is a label removed —
    the file was labelled generated — not a label shown; a date watermark cut is neither."""
    note = "画面左上角只剩被裁切的“AI合”两个残字"
    assert not aigc_note.label_shown(note)
    assert [t.rule for t in aigc_note.described_in_note(note)] == ["aigc.text.described.label_cut"]
    assert [t.rule for t in aigc_note.described_in_note("生图模型的水印已被裁掉")] == ["aigc.text.described.label_cut"]
    assert aigc_note.described_in_note("拍摄日期水印被裁掉了") == []
    assert aigc_note.label_shown("左上角有“AI生成”字样，清晰可见")


def test_a_chatbot_reply_read_by_its_opening_summary_and_its_closing_to_one_user() -> None:
    """Session 20 (aigc20): the reply's summary of the request before a colon (以下是一篇关于…的文章：), a closing
    addressed to its one user that ends the post (its subject — a 攻略 — does not make it a tutorial), are traces; a
    blogger's closing to the readers (对你们有帮助) and a closing followed by the poster's own words are not made so."""
    assert [t.rule for t in aigc_text.find_traces("以下是一篇关于城市夜跑的短文：\n夜色里……")] == [
        "aigc.text.assistant.preamble"]
    guide = "三天两晚成都攻略：Day1 宽窄巷子；Day2 熊猫基地……\n如需调整行程，请随时告诉我！"
    assert [t.rule for t in aigc_text.find_traces(guide)] == ["aigc.text.assistant.closing"]
    assert aigc_text.find_traces("成都攻略整理好了，希望这份攻略对你们有帮助") == []
    assert aigc_text.find_traces("AI写作课程攻略：它最后总说如需调整请随时告诉我，这句话要删掉再发") == []


def test_a_note_recording_the_implicit_label_labels_the_post_through_the_engine(engine: Engine) -> None:
    """Session 20 (aigc20): a post whose words say nothing of AI, over a file whose note records its Annex E label,
    is labelled (`aigc_unlabeled`, action `label`); vouched for as a real capture it scores higher."""
    d = engine.moderate({"id": "n-2", "kind": "image", "text": "周末去山里拍的银河，太震撼了",
                         "media": [{"path": "milky.png", "note": "元数据AIGC Label=1，画面无显式标识"}]})
    assert "aigc_unlabeled" in {lr.label for lr in d.labels if lr.policy_rule}
    assert str(d.action) != "pass"
    d = engine.moderate({"id": "n-3", "kind": "image", "text": "周末去山里拍的银河，太震撼了",
                         "media": [{"path": "milky.jpg", "note": "未读取到AIGC元数据；C2PA无"}]})
    assert str(d.action) == "pass"
