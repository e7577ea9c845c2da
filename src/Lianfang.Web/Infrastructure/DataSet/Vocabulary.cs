namespace Lianfang.Web.Infrastructure.DataSet;

/// <summary>
/// Words for generated data, drawn from the seeds' own wording (000–004: 风险表现, 防控措施, 监督方式) and the posts and
/// units they name, so that search and reports see text shaped like the real lists.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] Cities =
        ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市",
         "连云港市", "桂林市", "柳州市", "梧州市", "北海市", "玉林市", "百色市", "贺州市", "河池市", "来宾市", "崇左市"];

    public static readonly string[] Counties =
        ["市直", "越城区", "柯桥区", "上虞区", "诸暨市", "嵊州市", "新昌县", "龙胜县", "三江县", "临桂区", "灵川县", "兴安县",
         "永福县", "阳朔县", "恭城县", "平乐县", "荔浦市", "资源县", "全州县", "灌云县", "灌南县", "东海县", "赣榆区", "海州区"];

    public static readonly string[] Bureaus =
        ["财政局", "卫生健康委员会", "教育局", "自然资源和规划局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局",
         "商务局", "文化广电旅游局", "市场监督管理局", "医疗保障局", "人力资源和社会保障局", "民政局", "生态环境局", "审计局",
         "统计局", "司法局", "应急管理局", "行政审批局", "人民医院", "中医院", "妇幼保健院", "疾病预防控制中心", "第一中学",
         "职业技术学院", "公共资源交易中心", "住房公积金中心", "城市管理局", "林业局"];

    public static readonly string[] Departments =
        ["办公室", "组织人事科", "财务科", "政策法规科", "审批服务科", "采购管理科", "基建科", "监督检查科", "信息中心", "规划发展科",
         "执法大队", "资产管理科", "招标办", "医务科", "药剂科", "设备科", "教务处", "后勤服务中心", "综合科", "项目管理科"];

    public static readonly (string Name, string Title)[] DepartmentPosts =
        [("科长", "科长"), ("副科长", "副科长"), ("主办科员", "主办科员"), ("科员", "科员"), ("办事员", "办事员")];

    public static readonly (string Name, string Title)[] LeaderPosts =
        [("党组书记", "党组书记"), ("主要负责人", "局长"), ("分管副职（业务）", "副局长"), ("分管副职（财务）", "副局长")];

    public static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
         "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余"];

    public static readonly string[] GivenChars =
        ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
         "刚", "桂", "英", "华", "建", "国", "文", "辉", "玲", "峰", "晨", "琳", "宇", "浩", "婷", "雪", "鹏", "斌", "红", "波"];

    /// <summary>Where power is exercised: the business a risk lies in.</summary>
    public static readonly string[] Matters =
        ["政府采购", "项目审批", "资金拨付", "行政处罚", "药品耗材采购", "工程招投标", "人员招聘", "职称评审", "公务接待", "公车使用",
         "工程验收", "合同签订", "财务报销", "国有资产处置", "执法检查", "行政许可", "评标专家抽取", "补助资金发放", "医保基金审核",
         "招生录取", "干部选拔任用", "专项资金分配", "土地出让", "规划调整", "设备采购", "科研经费管理", "物资验收入库", "票据管理"];

    /// <summary>风险表现, after 003's 参考表现 and 000's definitions.</summary>
    public static readonly string[] Manifestations =
        ["利用职务之便为自己或者他人谋取私利", "违反民主集中制原则，独断专行", "审核把关不严，降低标准", "暗箱操作，优亲厚友",
         "泄露内部信息或评审结果", "化整为零规避公开招标", "超标准、超范围列支费用", "虚报冒领、套取资金", "随意变更合同或工程量",
         "收受服务对象礼品礼金", "选择性执法、随意减免处罚", "违规干预和插手具体事项", "职责不清、推诿扯皮", "制度执行不到位，流于形式",
         "“一岗双责”履行不到位", "不注重节约、铺张浪费", "失职渎职、不作为或滥用职权", "科室之间工作衔接不畅"];

    /// <summary>防控措施, after 000/002's 制度建设、工作流程 and 004's 事前、事中、事后.</summary>
    public static readonly string[] Measures =
        ["严格执行“三重一大”集体决策制度", "实行经办、审核双人复核", "公开办事流程和办理时限", "建立台账，定期对账核查",
         "推行信息化留痕，全程可追溯", "关键岗位定期轮岗交流", "签订廉政承诺书", "实行回避制度", "重大事项报派驻机构备案",
         "邀请第三方参与评审", "开展廉政提醒谈话", "完善内控制度并汇编成册", "定期开展专项检查", "公示结果接受社会监督"];

    public static readonly string[] Sources = ["单位自查", "内部互查", "群众评议", "信访举报", "巡察反馈"];

    public static readonly string[] SupervisionFocus =
        ["审批环节是否集体研究", "资金支付凭证是否齐全", "采购程序是否合规", "处罚裁量是否适当", "台账记录是否完整"];

    public static readonly string[] InspectionSubjects =
        ["关于落实廉政风险防控措施情况的问询", "关于政府采购程序执行情况的谈话", "专项资金使用情况实地抽查", "重要风险点立项监督"];

    public static readonly string[] FindingTexts =
        ["台账记录不完整，部分审批未留痕", "采购项目未按规定比选", "报销凭证缺少经办人签字", "集体决策会议记录不规范", "公示时间不足规定天数"];

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public static string PersonName(Random rng) =>
        rng.Pick(Surnames) + rng.Pick(GivenChars) + (rng.Next(3) == 0 ? "" : rng.Pick(GivenChars));
}
