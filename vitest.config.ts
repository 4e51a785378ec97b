import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The CLI tests spawn the built CLI; two workers suit the 2-core machines CI runs on.
    maxWorkers: 2,
  },
});
