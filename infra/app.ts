/**
 * CDK entry point for `npx cdk synth` and `npx cdk deploy`:
 *   npx cdk deploy -c senderEmail=visits@your-domain.gov.uk -c opsEmail=ops@your-domain.gov.uk
 */
import { buildBrowserBundles } from '../shared/web/browser/build';
import { buildApp } from './build-app';

// The findings page's script is bundled first so the page function's asset copy includes it.
await buildBrowserBundles();
buildApp().app.synth();
