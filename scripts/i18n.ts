/**
 * Generates web/src/i18n/zh-Hant.json from the Simplified Chinese catalogue and the model's
 * Simplified labels (src/model/labels.ts, errors.ts) with OpenCC, so Traditional Chinese is
 * never converted in the browser.
 *
 *   npx tsx scripts/i18n.ts          write the file
 *   npx tsx scripts/i18n.ts --check  exit 1 when the committed file is out of date
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { type Catalogue, mapCatalogue, mergeCatalogues, modelCatalogue } from '../web/src/i18n/model-catalogue';

const source = fileURLToPath(new URL('../web/src/i18n/zh-Hans.json', import.meta.url));
const target = fileURLToPath(new URL('../web/src/i18n/zh-Hant.json', import.meta.url));

const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
const simplified = JSON.parse(readFileSync(source, 'utf8')) as Catalogue;
const generated = `${JSON.stringify(mapCatalogue(mergeCatalogues(modelCatalogue('zh'), simplified), toTraditional), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== generated) {
    console.error('web/src/i18n/zh-Hant.json is out of date; run `npx tsx scripts/i18n.ts`.');
    process.exit(1);
  }
  console.log('web/src/i18n/zh-Hant.json is up to date.');
} else {
  writeFileSync(target, generated);
  console.log('wrote web/src/i18n/zh-Hant.json');
}
