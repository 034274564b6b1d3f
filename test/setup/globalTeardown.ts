import { dropMigratedTemplate, TEMPLATE_VARIABLE } from "./migratedTemplate";

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const template = process.env[TEMPLATE_VARIABLE];
  if (serverUrl === undefined || serverUrl === "" || template === undefined) return;
  await dropMigratedTemplate(serverUrl, template);
}
