/**
 * The accuracy bench on real video (design §5b); see scripts/eval/cli.ts.
 *   npm run eval:motion -- --clips DIR [--out DIR] | --traces DIR
 */
import { evalMotion } from './eval/cli';

process.exitCode = await evalMotion(process.argv.slice(2));
