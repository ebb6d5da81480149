import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth";

// next-auth's own endpoints (sign-in, callbacks, CSRF token, session): public by design.
const handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(getAuthOptions())(request, context);

export { handler as GET, handler as POST };
