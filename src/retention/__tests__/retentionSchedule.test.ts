import { ConfigError, loadConfig } from "../../config/config";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("when the retention job runs (RETENTION_SCHEDULE)", () => {
  test("off unless asked outside production; a look for a job every minute by default", () => {
    expect(loadConfig({}).retention).toEqual({ cron: null, pollSeconds: 60 });
    expect(loadConfig({ RETENTION_SCHEDULE: "" }).retention.cron).toBeNull();
  });

  test("a cron expression of five fields, or off", () => {
    expect(loadConfig({ RETENTION_SCHEDULE: "15 1 * * 0", RETENTION_POLL_SECONDS: "5" }).retention).toEqual({ cron: "15 1 * * 0", pollSeconds: 5 });
    expect(loadConfig({ RETENTION_SCHEDULE: "off" }).retention.cron).toBeNull();
    expect(problems({ RETENTION_SCHEDULE: "daily" })).toEqual(['RETENTION_SCHEDULE must be five cron fields (minute hour day month weekday) or "off"']);
    expect(problems({ RETENTION_POLL_SECONDS: "0" })).toHaveLength(1);
  });
});
