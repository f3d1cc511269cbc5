// A key given twice in one object of the config file: JSON.parse keeps the last one without a word, so an
// operator who edits the first would see no effect. This reads the text's structure only (objects, arrays, keys,
// strings with their escapes); it runs after JSON.parse has accepted the text, which it does not check again.

/** The first key given twice, by its full name (`puppet.bin`, `auth.tokens[0].id`); undefined when none is. */
export function duplicateKey(text: string): string | undefined {
  interface Level {
    /** the full name of this object or array (`` at the top) */
    name: string;
    /** an object's keys so far; undefined for an array */
    keys: Set<string> | undefined;
    /** in an object: the next string is a key (after `{` and `,`), not a value */
    expectKey: boolean;
    /** in an array: the index of the current element */
    index: number;
    /** the last key read in this object */
    key: string;
  }
  const levels: Level[] = [];
  const childName = (level: Level | undefined): string => {
    if (level === undefined) return '';
    if (level.keys === undefined) return `${level.name}[${level.index}]`;
    return level.name === '' ? level.key : `${level.name}.${level.key}`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const level = levels[levels.length - 1];
    switch (c) {
      case '{':
      case '[':
        levels.push({ name: childName(level), keys: c === '{' ? new Set() : undefined, expectKey: c === '{', index: 0, key: '' });
        break;
      case '}':
      case ']':
        levels.pop();
        break;
      case ',':
        if (level?.keys !== undefined) level.expectKey = true;
        else if (level !== undefined) level.index++;
        break;
      case '"': {
        const start = i;
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
        if (level?.keys === undefined || !level.expectKey) break;
        // decoded, so "a" and "\u0061" are the same key, as JSON.parse sees them
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        level.expectKey = false;
        level.key = key;
        if (level.keys.has(key)) return childName(level);
        level.keys.add(key);
        break;
      }
      // white space, ':', numbers, true, false, null: nothing to follow
    }
  }
  return undefined;
}
