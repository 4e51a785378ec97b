/** What a terminal or file may show of a connection string: never its password. */

export function isPostgresUrl(text: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(text);
}

/** Text with every password in a postgresql:// URL (user:password@, password=...) removed. */
export function redactSecrets(text: string): string {
  return text
    .replace(/(postgres(?:ql)?:\/\/)([^:@/\s?#]*):[^@\s]*@/gi, "$1$2@")
    .replace(/([?&]password=)[^&\s]*/gi, "$1(hidden)");
}
