/**
 * ts-jest compiles the hub's TypeScript; babel-jest turns jose (ESM-only) into CommonJS.
 * PGlite's CommonJS build uses dynamic import(): jest runs under --experimental-vm-modules.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test", "<rootDir>/policies"],
  testMatch: ["**/__tests__/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    "^.+/node_modules/jose/.+\\.js$": ["babel-jest", { plugins: ["@babel/plugin-transform-modules-commonjs"], babelrc: false, configFile: false }],
  },
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  setupFiles: ["<rootDir>/test/setup/env.ts"],
  testTimeout: 60000,
};
