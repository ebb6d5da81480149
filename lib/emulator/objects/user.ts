import { checkbox, email, fullName, text } from "./field-builders";
import type { ObjectDef } from "./types";

/** Read-only mirror of emulator.users, so SOQL (`Owner.Name`, `FROM User`) and lookups work. */
export const user: ObjectDef = {
  name: "User",
  label: "User",
  labelPlural: "Users",
  keyPrefix: "005",
  owned: false,
  createable: false,
  updateable: false,
  deletable: false,
  fields: [
    text("Username", "Username", 80, { required: true, idLookup: true, unique: true }),
    text("FirstName", "First Name", 40),
    text("LastName", "Last Name", 80, { required: true }),
    text("Name", "Full Name", 121, { createable: false, updateable: false, nameField: true, compute: fullName }),
    email("Email", "Email", { required: true, idLookup: true }),
    text("Alias", "Alias", 8, { required: true }),
    checkbox("IsActive", "Active"),
    text("TimeZoneSidKey", "Time Zone", 40),
    text("LocaleSidKey", "Locale", 40),
    text("LanguageLocaleKey", "Language", 40),
    text("ProfileId", "Profile ID", 18),
  ],
};
