/**
 * The one table of error codes. The server answers each with its HTTP status and an
 * RFC 9457 problem; the web UI shows the message in the reader's language. Traditional
 * Chinese is derived from the Simplified text (see scripts/i18n.ts).
 */
export const ERRORS = {
  invalid_input: { status: 400, zh: '输入有误', en: 'The input is not valid' },
  malformed_json: { status: 400, zh: '请求正文不是合法的 JSON', en: 'The request body is not valid JSON' },
  unknown_field: { status: 400, zh: '包含不认识的字段', en: 'The input has a field that is not known' },
  invalid_credit_code: {
    status: 400,
    zh: '统一社会信用代码不正确',
    en: 'The Unified Social Credit Code is not valid',
  },
  unknown_item: {
    status: 400,
    zh: '物资目录中没有该物资编码',
    en: 'The item catalogue has no item with this code',
  },
  unknown_jurisdiction: {
    status: 400,
    zh: '行政区划代码不存在',
    en: 'No administrative division has this code',
  },
  webhook_target_refused: {
    status: 400,
    zh: 'Webhook 地址不可用：须为 http(s) 公网地址，不得含用户名或密码',
    en: 'The webhook URL may not be used: it must be an http(s) address on the public internet, without a user name or password',
  },
  unknown_event: {
    status: 400,
    zh: '事件名称不存在',
    en: 'There is no event of this name',
  },
  reason_required: {
    status: 400,
    zh: '调整响应级别、预警颜色、影响区域或政策须填写理由',
    en: 'Changing the level, warning colour, affected areas or policy needs a reason',
  },
  invalid_polygon: {
    status: 400,
    zh: '多边形须至少有三个不同的点（纬度、经度），首尾相同',
    en: 'A polygon needs at least three distinct [lat, lon] points, the first repeated at the end',
  },
  cap_doctype: {
    status: 400,
    zh: 'CAP 文档不得包含 DOCTYPE 或实体声明',
    en: 'A CAP document may not contain a DOCTYPE or entity declaration',
  },
  cap_malformed: { status: 400, zh: '文档不是格式正确的 XML', en: 'The document is not well-formed XML' },
  not_cap: {
    status: 400,
    zh: '文档不是 CAP 1.2 预警（根元素须为 CAP 1.2 命名空间中的 alert）',
    en: 'The document is not a CAP 1.2 alert (the root must be <alert> in the CAP 1.2 namespace)',
  },
  invalid_cursor: { status: 400, zh: '分页游标无效', en: 'The page cursor is not valid' },
  weak_password: {
    status: 400,
    zh: '密码至少 10 位，且不能全是同一类字符',
    en: 'The password needs at least 10 characters of more than one kind',
  },
  plan_required: {
    status: 400,
    zh: '转入培育需要培育计划（目标、复核日期）',
    en: 'Cultivation needs a plan (goals and a review date)',
  },
  role_needs_organization: {
    status: 400,
    zh: '该角色必须属于一个组织',
    en: 'This role must belong to an organization',
  },
  role_needs_jurisdiction: {
    status: 400,
    zh: '协调员必须指定管辖区域',
    en: 'A coordinator needs a jurisdiction',
  },
  not_authenticated: { status: 401, zh: '请先登录', en: 'Please sign in' },
  invalid_credentials: { status: 401, zh: '邮箱或密码不正确', en: 'The e-mail or password is wrong' },
  csrf_failed: {
    status: 403,
    zh: '页面已过期，请刷新后重试',
    en: 'The page has expired; reload and try again',
  },
  forbidden: { status: 403, zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  metrics_forbidden: {
    status: 403,
    zh: '监控指标仅限本机访问，或须提供监控令牌',
    en: 'Metrics are open to this machine only, or with the metrics token',
  },
  cap_sender_not_allowed: {
    status: 403,
    zh: '该发布者不在允许接收的 CAP 发布者名单中',
    en: 'This sender is not on the list of CAP senders accepted here',
  },
  out_of_scope: {
    status: 403,
    zh: '超出您的组织或管辖范围',
    en: 'This is outside your organization or jurisdiction',
  },
  hidden_field: {
    status: 403,
    zh: '不能按您无权查看的字段筛选或排序',
    en: 'You may not filter or sort on a field hidden from you',
  },
  membership_inactive: {
    status: 403,
    zh: '该组织当前的成员状态不能认领需求、接受调派或报备出队',
    en: 'The organization’s membership status does not allow it to claim needs, accept dispatches or file deployments',
  },
  account_disabled: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  not_found: { status: 404, zh: '找不到该记录', en: 'Not found' },
  route_not_found: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  email_taken: { status: 409, zh: '该邮箱已被使用', en: 'This e-mail is already in use' },
  credit_code_taken: {
    status: 409,
    zh: '已有组织使用该统一社会信用代码',
    en: 'Another organization has this credit code',
  },
  invalid_transition: {
    status: 409,
    zh: '该记录当前的状态不能进行这一步',
    en: 'The record cannot take this step from its current state',
  },
  pass_unavailable: {
    status: 409,
    zh: '只有已批准、在途、已报到或工作中的报备才有通行证',
    en: 'A deployment has a pass only while it is approved, en route, checked in or working',
  },
  import_not_awaiting_mapping: {
    status: 409,
    zh: '该导入已确认列对应，不能再修改',
    en: 'This import is no longer waiting for its column mapping',
  },
  claim_conflict: {
    status: 409,
    zh: '剩余未认领数量不足，已被其他组织认领',
    en: 'Not enough of this need is left unclaimed; others hold it',
  },
  not_needed: {
    status: 422,
    zh: '目前没有需求需要该物资，或协调方已标明不需要；请看当前急需清单',
    en: 'No open need asks for this item now, or the coordinators marked it not needed; see what is needed now',
  },
  delivered_only: {
    status: 409,
    zh: '物资类需求只能通过签收的运单完成',
    en: 'A need for goods is fulfilled only by delivered shipments',
  },
  insufficient_stock: {
    status: 409,
    zh: '库存不足：现有数量少于本次出库、调拨、调减或报损的数量',
    en: 'Less of this item is in stock than the movement takes out',
  },
  exceeds_pledge: {
    status: 409,
    zh: '收款金额超过该认捐尚未到账的金额',
    en: 'The amount is more than is still pledged and not yet received',
  },
  insufficient_funds: {
    status: 409,
    zh: '资金不足：该组织为本事件持有的资金少于本次支出或退还的金额',
    en: 'The organization holds less money for this incident than this takes out',
  },
  idempotency_mismatch: {
    status: 422,
    zh: '同一幂等键已用于不同的请求内容',
    en: 'This Idempotency-Key was already used with a different request body',
  },
  centre_active: {
    status: 409,
    zh: '该事件已有正在运行的现场协调中心',
    en: 'This incident already has a coordination centre running',
  },
  centre_not_active: {
    status: 409,
    zh: '该事件没有正在运行的现场协调中心',
    en: 'This incident has no coordination centre running',
  },
  roster_closed: {
    status: 409,
    zh: '只有处于应急准备阶段的事件才能调整待命名单',
    en: 'The standby roster changes only while the incident is in preparedness',
  },
  already_on_standby: {
    status: 409,
    zh: '该组织已在待命名单上',
    en: 'This organization is already on the standby roster',
  },
  not_eligible_to_staff: {
    status: 422,
    zh: '该组织在事件区域内没有有效的席位或协议，不能进驻协调中心',
    en: 'The organization holds no seat or agreement in force for the incident’s areas, so it cannot staff the centre',
  },
  cap_invalid: {
    status: 422,
    zh: 'CAP 文档不符合 OASIS CAP 1.2 模式',
    en: 'The CAP document does not validate against the OASIS CAP 1.2 schema',
  },
  alert_not_current: {
    status: 409,
    zh: '该预警已被更新或解除，请对最新的预警操作',
    en: 'This alert was already updated or cancelled; act on the latest one',
  },
  already_decided: { status: 409, zh: '该申请已经作出决定', en: 'This application has already been decided' },
  setup_done: { status: 409, zh: '平台已完成初始化', en: 'The platform is already set up' },
  archived: { status: 409, zh: '该记录已归档，不能修改', en: 'This record is archived and cannot change' },
  not_an_agency: {
    status: 422,
    zh: '权威发布只能以政府部门的名义发出',
    en: 'Official statements are issued on behalf of a government agency',
  },
  bulletin_published: {
    status: 409,
    zh: '通报已发布，不能再修改；请发布更正或替代通报',
    en: 'The bulletin is published and cannot change; publish a correction or a replacement',
  },
  body_too_large: { status: 413, zh: '请求正文过大', en: 'The request body is too large' },
  unsupported_media_type: {
    status: 415,
    zh: '不支持的内容类型，请使用 application/json',
    en: 'Unsupported content type; send application/json',
  },
  login_throttled: {
    status: 429,
    zh: '登录失败次数过多，请稍后再试',
    en: 'Too many failed sign-ins; try again later',
  },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; slow down' },
  pdf_unavailable: {
    status: 503,
    zh: '本服务器未安装 Chromium，无法生成 PDF；请使用网页版报告打印',
    en: 'No Chromium on this server to render the PDF; print the HTML report instead',
  },
  pdf_timeout: {
    status: 503,
    zh: '生成 PDF 超时，请稍后再试，或使用网页版报告打印',
    en: 'Printing the PDF took too long; try again later, or print the HTML report instead',
  },
  not_ready: {
    status: 503,
    zh: '服务尚未就绪：数据库无法访问或数据库结构不是最新版本',
    en: 'Not ready: the database cannot be reached or its schema is not up to date',
  },
  database_busy: {
    status: 503,
    zh: '数据库繁忙，本次请求未执行；请稍后重试',
    en: 'The database is busy and this request was not carried out; try again shortly',
  },
  internal_error: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The one error type of the domain: a code from the table, the field at fault, a detail. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly detail: string | undefined;
  /** More members of the problem answer, e.g. the current holders of a need. */
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, options: { field?: string; detail?: string; extra?: Record<string, unknown> } = {}) {
    super(options.detail ?? ERRORS[code].en);
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.detail = options.detail;
    this.extra = options.extra;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** Whether a string is a known error code. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}
