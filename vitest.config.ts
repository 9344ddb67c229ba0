import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/.tmp/**", "**/node_modules/**", "test/fixtures/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Empties test/.tmp before the run (the previous run's folders stay for inspection until then).
    globalSetup: ["test/global-setup.ts"],
  },
});
