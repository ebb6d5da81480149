import { z } from "zod";

const label = z.string().trim().min(1, "Give the connection a name, such as “Production”.").max(80, "Use at most 80 characters.");

/** Where to log in: production, sandbox, or a custom (My Domain) host. */
const loginTargetSchema = z
  .object({
    environment: z.enum(["production", "sandbox", "custom"], { error: "Choose production, sandbox or a custom domain." }),
    customHost: z.string().trim().max(255).optional().default(""),
  })
  .refine((value) => value.environment !== "custom" || value.customHost.length > 0, {
    path: ["customHost"],
    message: "Enter your My Domain login host, such as acme.my.salesforce.com.",
  });

export const startOAuthSchema = z.intersection(
  loginTargetSchema,
  z.object({
    label,
    clientId: z.string().trim().max(255).optional().default(""),
    clientSecret: z.string().max(1024).optional().default(""),
  }),
).refine((value) => Boolean(value.clientId) === Boolean(value.clientSecret), {
  path: ["clientSecret"],
  message: "Give both the client id and the client secret, or neither to use the instance's app.",
});

export const passwordConnectSchema = z.intersection(
  loginTargetSchema,
  z.object({
    label,
    username: z.string().trim().min(3, "Enter the Salesforce username.").max(255),
    password: z.string().min(1, "Enter the password.").max(1024),
    securityToken: z.string().trim().max(255).optional().default(""),
  }),
);

export const demoConnectSchema = z.object({
  user: z.enum(["production", "sandbox"]).default("production"),
  flow: z.enum(["oauth", "instant"]).default("oauth"),
});

export const connectionIdSchema = z.object({ connectionId: z.string().min(1).max(100) });

export type PasswordConnectInput = z.infer<typeof passwordConnectSchema>;
