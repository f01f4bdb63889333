namespace Gazette.Articles;

/// <summary>
/// The China desk of a generated paper, written in Chinese, so search has
/// Han text to find (two-character words such as 中国 and 外交, single
/// characters, longer words). Slots as in <see cref="NewsDesks"/>: {S} a
/// speaker or body, {T} a topic, {C} a city, {N} a small number.
/// </summary>
public static class ChineseDesk
{
    public const string Section = "China";

    public static readonly string[] Cities = ["北京", "上海", "广州", "深圳", "香港", "武汉", "成都", "杭州", "南京", "天津"];

    public static readonly string[] Speakers = ["外交部发言人", "国务院", "商务部", "中国人民银行", "国家统计局", "市政府", "联合国代表", "美国国务卿", "欧盟代表团", "新华社记者"];

    public static readonly string[] Topics = ["外交", "经济增长", "气候变化", "一带一路", "人民币汇率", "科技创新", "教育改革", "房地产市场", "对外贸易", "公共卫生", "国际合作", "能源安全"];

    public static readonly string[] Headlines =
    [
        "{S}：{T}取得新进展",
        "{C}举行{T}国际会议",
        "{T}成为{C}关注焦点",
        "中国外交部就{T}答记者问",
        "{C}发布{T}新政策",
        "{S}谈{T}与发展",
    ];

    public static readonly string[] Sentences =
    [
        "{S}今天在{C}表示，{T}将继续保持稳定。",
        "据新华社报道，{C}的{T}问题引起国际社会广泛关注。",
        "{S}指出，中国愿与各国加强在{T}领域的合作。",
        "分析人士认为，{T}的前景仍然存在不确定性。",
        "{C}市政府宣布，今年将投入{N}亿元用于{T}。",
        "美国政府对此表示关注，双方将于下月在{C}举行会议。",
        "记者了解到，相关部门正在研究新的{T}政策。",
        "{S}强调，发展{T}需要长期的努力和耐心。",
        "国际市场对中国经济的信心有所增强。",
        "专家表示，改革开放以来，{C}的{T}取得了显著成就。",
        "会议期间，各方就{T}和安全问题交换了意见。",
        "银行业人士说，人民币汇率总体保持稳定。",
        "这是今年以来{C}第{N}次举办此类活动。",
        "{S}还回答了记者关于{T}的提问。",
    ];
}
