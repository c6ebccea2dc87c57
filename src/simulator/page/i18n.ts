/** The page's own words (the bot's words come from the bot, in each person's language). */
export type UiLang = 'zh' | 'en'

const WORDS = {
  banner: {
    zh: '⚠️ 模拟环境：不连接 Telegram，所有人物和数据均为演示',
    en: '⚠️ Simulation: no Telegram involved; every person and record is a demo',
  },
  reset: { zh: '重置', en: 'Reset' },
  resetDone: { zh: '已重置（{ms} 毫秒）', en: 'Reset done ({ms} ms)' },
  walkthrough: { zh: '引导练习', en: 'Walk-through' },
  admin: { zh: '管理面板', en: 'Admin panel' },
  all: { zh: '全部窗口', en: 'All panes' },
  send: { zh: '发送', en: 'Send' },
  typeHere: { zh: '输入消息…', en: 'Message…' },
  as: { zh: '身份', en: 'As' },
  language: { zh: '语言', en: 'Language' },
  attach: { zh: '📎', en: '📎' },
  replyTo: { zh: '回复', en: 'Reply to' },
  cancel: { zh: '取消', en: 'Cancel' },
  edited: { zh: '已编辑', en: 'edited' },
  allTopics: { zh: '全部话题', en: 'All topics' },
  general: { zh: '综合', en: 'General' },
  title: { zh: '12315 演示 · 模拟环境', en: '12315 demo · simulation' },
  choosePlace: { zh: '或选择常用地点：', en: 'Or pick a place:' },
  mapLabel: { zh: '眉山市地图', en: 'Map of Meishan' },
  mapHint: {
    zh: '点击地图放置位置标记（＋ 放大），然后发送',
    en: 'Click the map to drop a pin (＋ zooms in), then send it',
  },
  noPin: { zh: '尚未选择位置', en: 'No point chosen yet' },
  near: { zh: '靠近', en: 'near' },
  zoomIn: { zh: '放大', en: 'Zoom in' },
  zoomOut: { zh: '缩小', en: 'Zoom out' },
  sendLocation: { zh: '📍 发送此位置', en: '📍 Send this location' },
  ok: { zh: '确定', en: 'OK' },
  noAnswer: { zh: '机器人没有回应这次点击', en: 'The bot did not answer this tap' },
  block: { zh: '🚫 屏蔽机器人', en: '🚫 Block the bot' },
  unblock: { zh: '✅ 取消屏蔽', en: '✅ Unblock the bot' },
  blocked: {
    zh: '已屏蔽机器人：它发来的消息不会送达，直到取消屏蔽或再发消息。',
    en: 'You blocked the bot: its messages do not arrive until you unblock it or write to it.',
  },
  download: { zh: '下载', en: 'Download' },
  steps: { zh: '练习步骤（根据工单事件自动勾选）', en: "Steps (ticked from the ticket's events)" },
  ticket: { zh: '工单', en: 'Ticket' },
  stations: { zh: '站点与覆盖范围', en: 'Stations and coverage' },
  queues: { zh: '队列深度', en: 'Queue depth' },
  invites: { zh: '邀请码', en: 'Invites' },
  createInvite: { zh: '创建邀请码', en: 'Create invite' },
  role: { zh: '角色', en: 'Role' },
  station: { zh: '站点', en: 'Station' },
  grids: { zh: '网格（逗号分隔，网格员）', en: 'Grids (comma-separated, grid workers)' },
  bound: { zh: '已绑定群', en: 'group bound' },
  members: { zh: '成员', en: 'members' },
} as const

export const STEP_LABELS: Record<string, Record<UiLang, string>> = {
  filed: { zh: '以消费者身份提交投诉（附照片与位置）', en: 'File a complaint as the consumer (photo and location)' },
  local: { zh: '网格员/联络站就地化解', en: 'The grid worker / station tries to settle it locally' },
  escalated: { zh: '上报（转交市场监管所）', en: 'Escalate it (pass it to the 所)' },
  accepted: { zh: '市场监管所受理', en: 'Accept it as the market supervision office (所)' },
  mediating: { zh: '组织调解', en: 'Mediate' },
  agreed: { zh: '记录调解协议', en: 'Record the agreement' },
  rated: { zh: '消费者评价', en: 'The consumer rates the handling' },
}

export const PANE_TITLES: Record<string, Record<UiLang, string>> = {
  consumer: { zh: '消费者私聊', en: 'Consumer (private chat)' },
  liaison: { zh: '网格员私聊', en: 'Grid worker (private chat)' },
  station: { zh: '社区联络站群', en: 'Community liaison station group' },
  office: { zh: '市场监管所群', en: 'Market supervision office (所) group' },
  center: { zh: '区12315中心群（话题）', en: 'County 12315 center group (topics)' },
  admin: { zh: '管理员私聊', en: 'Administrator (private chat)' },
}

let lang: UiLang = (localStorage.getItem('demo-lang') as UiLang | null) ?? 'zh'

export function uiLang(): UiLang {
  return lang
}
export function setUiLang(next: UiLang): void {
  lang = next
  localStorage.setItem('demo-lang', next)
}
export function t(key: keyof typeof WORDS, vars: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''))
}
