/**
 * The accuracy bench on real video (docs/design.md §5.2); see scripts/eval/cli.ts.
 *   npm run eval:motion -- --clips DIR [--out DIR] | --traces DIR
 */
import { evalMotion } from './eval/cli';

process.exitCode = await evalMotion(process.argv.slice(2));
