// A local server for a test to start: a free port to give it, and whether it answers yet.
import { createServer } from 'node:net'

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** True once `address` answers HTTP with a 2xx status. */
export async function answers(address: string): Promise<boolean> {
  return fetch(address).then(
    (r) => r.ok,
    () => false,
  )
}
