// dumb-passwords ships no types; we use only its check.
declare module "dumb-passwords" {
  export function check(password: string): boolean;
  const dumbPasswords: { check(password: string): boolean };
  export default dumbPasswords;
}
