"""Frame cues of session 17 (prec17): a lesson in telling generated content apart lists the signs a generated picture
shows (乱码, 六根手指) and describes no media of its own (the aigc frames' `debunk` family); media described as showing
those signs with no label stays unlabelled AI content. Our own sentences, written for these tests."""

from __future__ import annotations

from frame_classes import class_tests

ACTED = [
    ({"text": "今天的海报配图：人物六根手指，招牌上的字全是乱码，全程无AI标识，大家觉得好看吗"},
     "aigc_unlabeled", "frame.aigc_unlabeled.described_media"),
]

SPARED = [
    {"text": "教你几招分辨AI图：看手指数量、看背景文字是不是乱码、看光影是否一致，转给爸妈"},
    {"text": "如何识别AI换脸视频？眨眼频率不对、口型与声音对不上、边缘模糊，遇到借钱先打电话核实"},
    {"text": "怎么看出一张图是AI画的：文字扭曲、纹理重复、六根手指，多看几张就会了"},
]

test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(
    ACTED, SPARED, absent_unless_pass=frozenset({"aigc_unlabeled"}))
