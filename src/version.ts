/** The platform's version: in the OpenAPI document, /api/health and `corespond --version`. */
export const VERSION = '0.1.0';
