/**
 * Every error the API can answer, by stable code. The code never changes once published: clients
 * and tests key on it. Messages are what a person sees, in both languages.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误，请检查后重试', en: 'The request is not valid' },
  BODY_TOO_LARGE: { status: 413, zh: '提交的内容太大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  MALFORMED_JSON: { status: 400, zh: '提交的内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  LOGIN_FAILED: { status: 401, zh: '手机号或密码不正确', en: 'Wrong phone number or password' },
  LOGIN_THROTTLED: {
    status: 429,
    zh: '登录失败次数过多，请稍后再试',
    en: 'Too many failed sign-in attempts; try again later',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '该账号已停用', en: 'This account is disabled' },
  CSRF_REJECTED: {
    status: 403,
    zh: '请求来源无法确认，请刷新页面后重试',
    en: 'The request origin could not be verified; reload the page and try again',
  },
  FORBIDDEN: { status: 403, zh: '您没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '找不到该内容', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  WEAK_PASSWORD: {
    status: 400,
    zh: '密码至少 8 位，且须包含字母和数字',
    en: 'A password needs at least 8 characters, with letters and digits',
  },
  PHONE_TAKEN: { status: 409, zh: '该手机号已注册', en: 'This phone number is already registered' },
  ORG_UNIT_KIND_MISMATCH: {
    status: 400,
    zh: '该层级下不能建立这种单元',
    en: 'A unit of this kind cannot be placed there',
  },
  ORG_UNIT_HAS_LIVE_CONTENT: {
    status: 409,
    zh: '该单元下仍有在用的内容，不能撤销',
    en: 'This unit still has live content and cannot be retired',
  },
  ORG_UNIT_RETIRED: { status: 409, zh: '该单元已撤销', en: 'This unit is retired' },
  ORG_MOVE_INTO_ITSELF: {
    status: 400,
    zh: '不能把单元移到它自己的下级',
    en: 'A unit cannot be moved under itself',
  },
  ORG_CODE_TAKEN: { status: 409, zh: '该编码已被使用', en: 'This code is already in use' },
  ROLE_UNIT_MISMATCH: {
    status: 400,
    zh: '该角色不能在这一层级任职',
    en: 'This role cannot be held at this kind of unit',
  },
  POST_REQUIRED: { status: 400, zh: '岗位人员须指定岗位', en: 'Post staff must be given a post' },
  GRANT_EXISTS: { status: 409, zh: '该用户已有此任职', en: 'The user already holds this role there' },
  LAST_GRANT: {
    status: 409,
    zh: '不能移除该用户唯一的任职',
    en: "The user's only role cannot be removed",
  },
  GEOJSON_INVALID: { status: 400, zh: 'GeoJSON 文件格式不正确', en: 'The GeoJSON file is not valid' },
  CASE_OUTSIDE_AREA: {
    status: 400,
    zh: '该位置不在本系统管辖的镇街内，请重新选择位置',
    en: 'This place lies outside every town this system serves; pick another place',
  },
  CASE_PLACE_REQUIRED: {
    status: 400,
    zh: '请提供位置：定位、地图选点或选择所在小院',
    en: 'Give a place: a GPS fix, a point on the map, or the unit it is in',
  },
  MATTER_NOT_IN_TOWN: {
    status: 400,
    zh: '所选事项不在该镇街的事项清单中',
    en: "The matter is not in this town's catalogue",
  },
  CASE_ID_TAKEN: { status: 409, zh: '该事件编号已被使用', en: 'This case id is already in use' },
  CASE_STATE_CONFLICT: {
    status: 409,
    zh: '事件当前状态不允许此操作，请刷新后查看',
    en: 'The case is not in a state that allows this; reload to see it',
  },
  CASE_VERSION_CONFLICT: {
    status: 409,
    zh: '事件已被他人处理，请刷新后再操作',
    en: 'Someone else acted on this case first; reload and try again',
  },
  DISPATCH_TARGET_INVALID: {
    status: 400,
    zh: '派遣须指定一个牵头岗位或牵头人',
    en: 'A dispatch names exactly one lead post or one lead person',
  },
  PHOTO_NOT_IMAGE: {
    status: 415,
    zh: '只能上传 JPEG、PNG 或 WebP 照片',
    en: 'Only JPEG, PNG or WebP photos can be uploaded',
  },
  PHOTO_TOO_LARGE: {
    status: 413,
    zh: '照片太大（每张不超过 15 MB）',
    en: 'The photo is too large (15 MB at most)',
  },
  PHOTO_TOO_MANY: { status: 400, zh: '一次最多上传 9 张照片', en: 'At most 9 photos at a time' },
  PHOTO_DIMENSIONS: {
    status: 400,
    zh: '照片像素过大或尺寸异常',
    en: 'The photo has too many pixels or implausible dimensions',
  },
  PHOTO_MISSING: { status: 400, zh: '请选择要上传的照片', en: 'Choose a photo to upload' },
  PHOTO_UNKNOWN: {
    status: 400,
    zh: '照片不存在或已被使用，请重新上传',
    en: 'A photo is unknown or already used; upload it again',
  },
  CONFLICT: {
    status: 409,
    zh: '内容已被他人修改，请刷新后重试',
    en: 'Someone else changed this; reload and retry',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  REPORTS_TOO_FREQUENT: {
    status: 429,
    zh: '一分钟内上报太多，请稍后再报；未发出的会保存在手机上',
    en: 'Too many reports in a minute; try again shortly (unsent ones stay on the phone)',
  },
  REPORT_JUST_GENERATED: {
    status: 429,
    zh: '该期通报刚刚生成过，请一分钟后再重新生成',
    en: 'This report was generated moments ago; regenerate it after a minute',
  },
  REPORT_UNIT_NOT_TOWN: {
    status: 400,
    zh: '通报只能按镇街或区县生成',
    en: 'Reports are made for a town or the district only',
  },
  REGISTRY_ID_NUMBER_TAKEN: {
    status: 409,
    zh: '该身份证号已登记在册',
    en: 'This ID number is already in the registry',
  },
  REGISTRY_HOUSEHOLD_EXISTS: {
    status: 409,
    zh: '该小院已有此门牌号的住户',
    en: 'This courtyard already has a household at this address',
  },
  REGISTRY_FIELD_EMPTY: { status: 409, zh: '该项未登记，无可查看', en: 'Nothing is recorded in this field' },
  REGISTRY_FILE_INVALID: {
    status: 400,
    zh: '无法读取该 Excel 文件，请使用下载的模板',
    en: 'The Excel file could not be read; use the downloadable template',
  },
  REGISTRY_FILE_TOO_LARGE: {
    status: 413,
    zh: '名册太大（每次最多 20000 行、10 MB）',
    en: 'The roster is too large (20,000 rows and 10 MB at most)',
  },
  REGISTRY_INVITE_UNKNOWN: {
    status: 400,
    zh: '邀请码不正确，请向院长或网格员核对',
    en: 'The invite code is not right; check it with the courtyard head or grid worker',
  },
  REGISTRY_ALREADY_BOUND: {
    status: 409,
    zh: '您已绑定住户或已有待审核的申请',
    en: 'You are already bound to a household or have a request waiting',
  },
  REGISTRY_NOT_BOUND: {
    status: 409,
    zh: '请先绑定您的住户',
    en: 'Bind your household first',
  },
  REGISTRY_REQUEST_DECIDED: {
    status: 409,
    zh: '该申请已处理',
    en: 'This request has already been decided',
  },
  NOTICE_TARGET_KIND: {
    status: 400,
    zh: '公告只能发布到小院、村（社区）或镇街',
    en: 'A notice goes to a courtyard, a village or a town',
  },
  NOTICE_WITHDRAWN: { status: 409, zh: '该公告已撤回', en: 'This notice has already been withdrawn' },
  CHARTER_NOT_BOUND: {
    status: 409,
    zh: '只有已绑定本小院住户的成员才能确认院规院约',
    en: 'Only a member bound to a household of this courtyard can acknowledge its charter',
  },
  CHARTER_ADULT_ONLY: {
    status: 403,
    zh: '院规院约须由户内成年成员确认',
    en: 'An adult member of the household must acknowledge the charter',
  },
  CHARTER_SUPERSEDED: {
    status: 409,
    zh: '院规院约已有新版本，请确认最新版本',
    en: 'The charter has a newer version; acknowledge the current one',
  },
  INTERNAL: { status: 500, zh: '服务器出错了，请稍后再试', en: 'Something went wrong on the server' },
  NOT_READY: { status: 503, zh: '服务暂不可用', en: 'The service is not ready' },
  FACILITY_CODE_TAKEN: { status: 409, zh: '该设施编码已被使用', en: 'This facility code is already in use' },
  FACILITY_UNIT_INVALID: {
    status: 400,
    zh: '设施须属于村社、网格或小院',
    en: 'A facility belongs to a village, grid or courtyard',
  },
  FACILITY_WORKER_INVALID: {
    status: 400,
    zh: '责任人须在本镇街任职',
    en: 'The responsible worker must hold a role in this town',
  },
  FACILITY_PROBLEM_INVALID: {
    status: 400,
    zh: '这类设施不能报这个问题',
    en: 'This kind of facility does not take that problem',
  },
  FACILITY_MATTER_MISSING: {
    status: 409,
    zh: '本镇街事项清单中没有这类设施的事项，请联系指挥中心',
    en: "The town's catalogue has no matter for this kind of facility; ask the command center",
  },
  ASK_STATE_CONFLICT: {
    status: 409,
    zh: '该求助当前状态不允许此操作，请刷新后查看',
    en: 'The ask is not in a state that allows this; reload to see it',
  },
  ASK_ID_TAKEN: { status: 409, zh: '该求助编号已被使用', en: 'This ask id is already in use' },
  ASK_NO_COURTYARD: {
    status: 403,
    zh: '您还没有登记到小院，暂时不能找院长',
    en: 'You are not registered in a courtyard yet, so there is no head to ask',
  },
  VOICE_NOT_AUDIO: {
    status: 415,
    zh: '只能上传手机录制的语音（WebM、Ogg、MP4/M4A、MP3、WAV）',
    en: 'Only voice recordings can be uploaded (WebM, Ogg, MP4/M4A, MP3, WAV)',
  },
  VOICE_TOO_LARGE: {
    status: 413,
    zh: '语音太大（不超过 2 MB）',
    en: 'The voice note is too large (2 MB at most)',
  },
  VOICE_TOO_LONG: { status: 400, zh: '语音最长 60 秒', en: 'A voice note is 60 seconds at most' },
  VOICE_MISSING: { status: 400, zh: '请先录一段语音', en: 'Record a voice note first' },
  VOICE_UNKNOWN: {
    status: 400,
    zh: '语音不存在或已被使用，请重新录制',
    en: 'The voice note is unknown or already used; record it again',
  },
  POINT_RULE_MISSING: {
    status: 409,
    zh: '本村（镇）没有在该时间生效的此项积分规则',
    en: 'No point rule for this action is in force here at that time',
  },
  POINT_RULE_AUTOMATIC: {
    status: 409,
    zh: '该项积分由系统自动发放，不能手工发放',
    en: 'This action awards points automatically; it cannot be awarded by hand',
  },
  POINT_EVIDENCE_REQUIRED: { status: 400, zh: '该项积分须附照片', en: 'This award needs a photo' },
  POINT_CAP_REACHED: {
    status: 409,
    zh: '该户此项积分已达到每日或每月上限',
    en: 'This household has reached the daily or monthly cap for this action',
  },
  POINT_BALANCE_TOO_LOW: {
    status: 409,
    zh: '积分不足，不能扣减或冲正到负数',
    en: 'Not enough points: a balance never goes below zero or below what is held',
  },
  POINT_ENTRY_REVERSED: { status: 409, zh: '该笔积分已冲正', en: 'This entry has already been reversed' },
  POINT_ENTRY_NOT_REVERSIBLE: {
    status: 409,
    zh: '兑换扣减和冲正记录不能再冲正，请取消兑换',
    en: 'Spending and reversal entries cannot be reversed; cancel the redemption instead',
  },
  POINT_NOT_BOUND: {
    status: 409,
    zh: '请先绑定您的家庭户，才能获得和使用积分',
    en: 'Bind your household first to earn and spend points',
  },
  STORE_ITEM_UNAVAILABLE: {
    status: 409,
    zh: '该商品已下架或不属于您所在的村',
    en: 'This item is not on offer in your village',
  },
  STORE_OUT_OF_STOCK: { status: 409, zh: '该商品已兑完', en: 'This item is out of stock' },
  STORE_POINTS_INSUFFICIENT: { status: 409, zh: '可用积分不足', en: 'Not enough points available' },
  STORE_REDEMPTION_DECIDED: {
    status: 409,
    zh: '该兑换已确认或已取消',
    en: 'This redemption has already been confirmed or cancelled',
  },
  LEADERBOARD_SCOPE_MISMATCH: {
    status: 400,
    zh: '排行范围与层级不符：户可按小院或村排，小院按村排，村按镇排',
    en: 'The scope does not fit the level: households rank in a courtyard or village, courtyards in a village, villages in a town',
  },
  LEADERBOARD_BOARD_REVOKED: {
    status: 404,
    zh: '该大屏链接已停用或不存在',
    en: 'This board link has been revoked or does not exist',
  },
  LEADERBOARD_BOARD_NOT_VILLAGE: {
    status: 400,
    zh: '大屏链接须为某个村（社区）生成',
    en: 'A board link is made for a village',
  },
  EVALUATION_TEMPLATE_MISSING: {
    status: 409,
    zh: '本村（镇）还没有在用的考评模板，请先在后台设定',
    en: 'No evaluation template is in force here; set one in the console first',
  },
  EVALUATION_MONTH_AHEAD: {
    status: 400,
    zh: '不能为未来的月份开展考评',
    en: 'A round cannot be opened for a month to come',
  },
  EVALUATION_SCORE_INVALID: {
    status: 400,
    zh: '评分不符合考评模板（分项或分值有误）',
    en: 'The scores do not fit the template (an unknown criterion or a score out of range)',
  },
  EVALUATION_PUBLISHED: {
    status: 409,
    zh: '该月考评已发布，不能再修改',
    en: 'This round has been published and can no longer change',
  },
  EVALUATION_UNSCORED: {
    status: 409,
    zh: '还有家庭户未评完：请评完，或确认标记为本月不评',
    en: 'Some households are not fully scored: finish them or mark them as not scored this month',
  },
  TASK_ISSUER_KIND: {
    status: 400,
    zh: '任务只能由区县或镇街下派',
    en: 'A task is issued by a district or a town',
  },
  TASK_DUE_PASSED: { status: 400, zh: '截止时间已过，请重新选择', en: 'The deadline has already passed' },
  TASK_STATE_CONFLICT: {
    status: 409,
    zh: '该任务的状态已变化，请刷新后再试',
    en: 'The assignment has changed meanwhile; reload and try again',
  },
  TASK_EVIDENCE_KIND: {
    status: 400,
    zh: '提交的佐证与该项要求不符',
    en: 'The evidence does not match what the item asks for',
  },
  TASK_CHECKIN_TOO_FAR: {
    status: 400,
    zh: '定位不在要求的范围内，请到现场签到',
    en: 'The check-in is too far from the place; check in on site',
  },
  TASK_EVIDENCE_INCOMPLETE: {
    status: 400,
    zh: '还有事项未填写佐证，不能提交',
    en: 'Some items still lack evidence',
  },
  TASK_SCORES_INVALID: {
    status: 400,
    zh: '评分须逐项给出，且不超过该项满分',
    en: 'Give one score per item, within its full marks',
  },
  TASK_PERIOD_INVALID: {
    status: 400,
    zh: '统计周期格式不正确（如 2026-11、2026-W48、2026-11-29）',
    en: 'The period is not valid (e.g. 2026-11, 2026-W48, 2026-11-29)',
  },
  CALENDAR_INVALID: {
    status: 400,
    zh: '日历有误：日期须在该年内且不能重复',
    en: 'The calendar is not valid: each date must lie in the year and appear once',
  },
  SUPERVISION_ALREADY_OPEN: {
    status: 409,
    zh: '该事项已在挂牌督办中',
    en: 'This is already under supervision',
  },
  SUPERVISION_CLOSED: { status: 409, zh: '该督办已办结', en: 'This supervision has already been closed' },
  SUPERVISION_SUBJECT_CLOSED: {
    status: 409,
    zh: '已结案或不予受理的事件、已全部评分或已结束的任务不能挂牌督办',
    en: 'A closed or rejected case, or a task fully scored or ended, cannot be placed under supervision',
  },
  SUPERVISOR_NOT_ELIGIBLE: {
    status: 400,
    zh: '督办人须为能看到该事件的区县或镇街领导、坐席',
    en: 'The supervisor must be a district or town official who oversees this case',
  },
  SUPERVISION_DUE_PAST: { status: 400, zh: '督办期限须晚于现在', en: 'The due date must be in the future' },
  FIELD_VISIT_TARGET_KIND: {
    status: 400,
    zh: '蹲点指导须记在村（社区）或网格上',
    en: 'A field visit is recorded at a village or a grid',
  },
  FIELD_VISIT_IN_FUTURE: {
    status: 400,
    zh: '走访时间不能晚于现在',
    en: 'A visit cannot be recorded in the future',
  },
  FIELD_VISIT_FOLLOW_UP_NOT_ISSUER: {
    status: 403,
    zh: '只有能下派任务的区县、镇街人员才能为蹲点指导下派跟进任务；可只记录走访和备注',
    en: 'Only district and town officials who issue tasks can add follow-up tasks; record the visit with notes instead',
  },
  FIELD_VISIT_FOLLOW_UP_ASSIGNEE: {
    status: 400,
    zh: '跟进任务的承办对象须在所走访村（社区）的镇街内',
    en: "A follow-up task's assignee must lie in the visited unit's town",
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface Bilingual {
  zh: string;
  en: string;
}

/** A failure a user can understand, thrown by commands and answered as problem+json by the HTTP layer. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: Bilingual | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail?: Bilingual, extra?: Record<string, unknown>) {
    super(`${code}: ${detail?.en ?? ERROR_CODES[code].en}`);
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.detail = detail;
    this.extra = extra;
  }
}
