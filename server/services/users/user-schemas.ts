import "server-only";
import { z } from "zod";
import { ROLES } from "@/lib/status";
import { stripBidiControls } from "@/lib/unsafe-text";

export const emailSchema = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .min(1, "Email is required.")
  .max(320, "Email must be at most 320 characters.")
  .email("Enter a valid email address.");
export const passwordSchema = z
  .string({ error: "Password is required." })
  .min(12, "Use at least 12 characters.")
  .max(1024, "Use at most 1,024 characters.");
export const userNameSchema = z
  .string({ error: "Name is required." })
  .overwrite(stripBidiControls)
  .trim()
  .min(1, "Name is required.")
  .max(200, "Name must be at most 200 characters.");
export const roleSchema = z.enum(ROLES, { error: "Choose a role." });

export const userAuditSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  deactivatedAt: true,
  sessionVersion: true,
} as const;
