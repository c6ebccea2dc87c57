// Identity-document numbers at rest (PIPL; Order 121 real identity): AES-256-GCM with the deployment's key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const ALGORITHM = 'aes-256-gcm'
/** The stored form's version: `v1:<iv>:<tag>:<ciphertext>`, each base64. */
const VERSION = 'v1'
const IV_BYTES = 12
export const ID_ENCRYPTION_KEY_BYTES = 32

/** A stored number that does not decrypt with this key (another key, or altered data). */
export class IdNumberDecryptionError extends Error {
  override name = 'IdNumberDecryptionError'
  constructor() {
    super(
      'An identity-document number could not be decrypted: ID_ENCRYPTION_KEY is not the key it was stored with, or the stored value was altered.',
    )
  }
}

export interface IdNumberCipher {
  /** A fresh IV each time: the same number encrypts differently, so equal numbers cannot be matched in the table. */
  encrypt(idNumber: string): string
  /** @throws IdNumberDecryptionError when the value was not encrypted with this key, or was changed. */
  decrypt(stored: string): string
}

/** The cipher of a 32-byte key (ID_ENCRYPTION_KEY, base64; config.ts checks it). */
export function createIdNumberCipher(key: Buffer): IdNumberCipher {
  if (key.length !== ID_ENCRYPTION_KEY_BYTES)
    throw new RangeError(`the ID encryption key must be ${ID_ENCRYPTION_KEY_BYTES} bytes, not ${key.length}`)
  return {
    encrypt(idNumber) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv(ALGORITHM, key, iv)
      const data = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()])
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':')
    },
    decrypt(stored) {
      const [version, iv, tag, data] = stored.split(':')
      if (version !== VERSION || !iv || !tag || data === undefined) throw new IdNumberDecryptionError()
      try {
        const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'))
        decipher.setAuthTag(Buffer.from(tag, 'base64'))
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8')
      } catch {
        throw new IdNumberDecryptionError()
      }
    },
  }
}
