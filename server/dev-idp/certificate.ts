/**
 * A self-signed TLS certificate for the development sign-in (MSAL refuses http authorities).
 * Made once with the openssl CLI into the state folder and reused until it nears expiry.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TlsMaterial {
  key: string;
  cert: string;
  certPath: string;
}

const VALID_DAYS = 90;
/** Re-made when it expires within this many days, so a running IdP never crosses expiry. */
const RENEW_DAYS = 7;

function stillValid(certPath: string): boolean {
  try {
    const cert = new X509Certificate(readFileSync(certPath));
    return Date.parse(cert.validTo) - Date.now() > RENEW_DAYS * 86_400_000 && cert.checkHost('localhost') === 'localhost';
  } catch {
    return false;
  }
}

export function ensureCertificate(dir: string): TlsMaterial {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyPath = join(dir, 'tls-key.pem');
  const certPath = join(dir, 'tls-cert.pem');
  if (!existsSync(keyPath) || !existsSync(certPath) || !stillValid(certPath)) {
    try {
      execFileSync(
        'openssl',
        [
          'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
          '-keyout', keyPath, '-out', certPath, '-days', String(VALID_DAYS),
          '-subj', '/CN=localhost/O=Microbreak development sign-in',
          '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (error) {
      const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
      throw new Error(`Could not create the development sign-in certificate with openssl (is it installed?): ${detail}`);
    }
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}
