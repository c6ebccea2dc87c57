// The complaint the intake benchmarks file, as a consumer answers it, one update per step.

type Step = { text: string } | { photo: true } | { press: RegExp }

/** The whole complaint, as a consumer answers it: 25 updates. */
export const COMPLAINT_SCRIPT: readonly Step[] = [
  { text: '/start' },
  { press: /^m:c$/ },
  { text: '好又多超市' },
  { press: /:lo:d:\d+:0$/ },
  { press: /:lo:d:\d+:0$/ },
  { press: /:lo:d:\d+:0$/ },
  { press: /:lo:a:/ },
  { text: '东坡区诗书路1号' },
  { press: /:ca:k:GOODS:0$/ },
  { press: /:ca:g:GOODS_FOOD:0$/ },
  { press: /:ca:c:FOOD_PACKAGED$/ },
  { press: /:cu:c:yes$/ },
  { text: '昨天' },
  { text: '120.50' },
  { text: '买到的牛奶已经过期了三天，商家拒绝退货。' },
  { press: /:de:t:REFUND$/ },
  { press: /:de:done$/ },
  { photo: true },
  { press: /:ev:done$/ },
  { text: '王小明' },
  { text: '13812345678' },
  { text: '东坡区苏祠路8号2单元301' },
  { press: /:it:c:RESIDENT_ID$/ },
  { text: '511402199001011235' },
  { press: /:rv:ok$/ },
]
