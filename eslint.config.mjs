// Lint: typescript-eslint's recommended rules over the harness, the checks and the config; the in-page probe and the
// GJS driver are plain scripts for other runtimes (a browser page, gjs) and get the base JavaScript rules only.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'reports/', 'test-results/', 'certs/', 'mutants/', 'traceability/seed/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused names are tsc's job (noUnusedLocals / noUnusedParameters); `_`-prefixed ones are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
  {
    files: ['pages/**/*.js', 'harness/report/assets/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, OverconstrainedError: 'readonly' } },
  },
  {
    files: ['harness/engines/webkit/driver.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        imports: 'readonly',
        print: 'readonly',
        printerr: 'readonly',
        ARGV: 'readonly',
        console: 'readonly',
        log: 'readonly',
        logError: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
  },
);
