const FORMAT = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai, the time every 12315 office works in. */
export function formatShanghaiTime(instant: Date): string {
  return FORMAT.format(instant).replace(',', '')
}
