// Saves the user's settings where the app's config file says, as apps with a
// configurable data folder do. The path exists only at run time: the linter
// cannot see it, `wimboot-check trace` can.
import fs from 'node:fs';

export function saveSettings(configFile, settings) {
  const { settingsFile } = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
}
