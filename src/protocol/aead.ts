import { createCipheriv, createDecipheriv } from 'node:crypto';

/** AEAD_AES_256_GCM as API v3 uses it (docs/protocol.md): key = APIv3 key bytes, iv = nonce bytes, tag appended. */
export function aeadEncrypt(plaintext: string, apiv3Key: string, nonce: string, associatedData: string): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiv3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([body, cipher.getAuthTag()]).toString('base64');
}

export function aeadDecrypt(ciphertext: string, apiv3Key: string, nonce: string, associatedData: string): string {
  const raw = Buffer.from(ciphertext, 'base64');
  if (raw.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiv3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString('utf8');
}
