/**
 * CDK entry point for `npx cdk synth` and `npx cdk deploy`:
 *   npx cdk deploy -c senderEmail=visits@your-domain.gov.uk -c opsEmail=ops@your-domain.gov.uk
 * The findings page's browser script is built by its function's bundling step (infra/visits-function.ts).
 */
import { buildApp } from './build-app';

buildApp().app.synth();
