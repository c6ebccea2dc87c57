/** Money as work summaries write it: 万元 (10,000 yuan = 1,000,000 fen), two decimals at most, trailing zeros cut. */
export function fenToWanYuan(fen: bigint): string {
  const hundredths = (fen + 5_000n) / 10_000n // 0.01 万元 = 100 yuan = 10,000 fen, rounded half up
  const whole = hundredths / 100n
  const cents = hundredths % 100n
  if (cents === 0n) return String(whole)
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`
}

/**
 * An amount as a work summary states it: in 万元 (fenToWanYuan), except an amount that is not nil but rounds to
 * nil there (under 50 元), which is given in 元 with its fen, so that money recovered never reads as 0.
 */
export function summaryMoney(fen: bigint): { unit: 'WAN' | 'YUAN'; value: string } {
  const wan = fenToWanYuan(fen)
  if (fen <= 0n || wan !== '0') return { unit: 'WAN', value: wan }
  return { unit: 'YUAN', value: `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}` }
}

/** A share as a percentage with one decimal (`12.5`), or null without a base. */
export function percent(share: number | null): string | null {
  return share === null ? null : (Math.round(share * 1000) / 10).toFixed(1).replace(/\.0$/, '')
}
