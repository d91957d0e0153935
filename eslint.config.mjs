import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Principle 1: the caller comes from the platform, never from the event.
const noIdentityFromEvent = {
  selector: "MemberExpression[object.name=/^(event|rawEvent)$/][property.name=/^(openid|OPENID|_openid)$/]",
  message: 'Identity comes from the platform (getWXContext / identity port), never from event.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'test-artifacts/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', noIdentityFromEvent],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Rules are pure: time comes in as an argument, never from the system clock.
    files: ['cloudfunctions/**/*.rules.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        noIdentityFromEvent,
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Rules take time as input.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Rules take time as input.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Rules are deterministic.' },
      ],
    },
  },
);
