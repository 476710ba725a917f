/**
 * Validation against the OASIS CAP 1.2 schema (cap12.xsd beside this file) with libxml2 built
 * for WebAssembly (xmllint-wasm): no native or Java validator. The schema is read from this
 * module's own folder, so it is found however the server runs (tsx from the checkout, `npm start`).
 */
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

export const CAP_SCHEMA_PATH = new URL('./cap12.xsd', import.meta.url);

let schema: string | undefined;

function capSchema(): string {
  schema ??= readFileSync(CAP_SCHEMA_PATH, 'utf8');
  return schema;
}

/** The first schema error of a document: its message, the element it names and the line. */
export interface CapSchemaError {
  message: string;
  element: string | null;
  line: number | null;
}

/** Validates a CAP document against the OASIS schema; answers the errors, none when it is valid. */
export async function validateCap(xml: string): Promise<CapSchemaError[]> {
  const result = await validateXML({
    xml: [{ fileName: 'alert.xml', contents: xml }],
    schema: [{ fileName: 'cap12.xsd', contents: capSchema() }],
  });
  if (result.valid) return [];
  const errors = result.errors.map((e) => {
    const element = /Element '(?:\{[^}]*\})?([^']+)'/.exec(e.message)?.[1] ?? null;
    return { message: e.message, element, line: e.loc?.lineNumber ?? null };
  });
  // libxml2 says "fails to validate" without a detail only when it could not read the document.
  return errors.length > 0
    ? errors
    : [{ message: result.rawOutput.trim() || 'the document is not valid', element: null, line: null }];
}
