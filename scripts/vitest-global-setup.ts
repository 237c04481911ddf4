// Runs once before every test file: makes the real helm binary available as HELM_BIN.
import { ensureHelm } from './ensure-helm.js';

export default async function setup(): Promise<void> {
  process.env.HELM_BIN = await ensureHelm();
}
