/**
 * ip's -color: the words ip 6.1 paints (lib/color.c) and its two palettes. Interface names cyan,
 * link-layer addresses yellow, IPv4 magenta, IPv6 blue, operstate UP green and DOWN red; bold on a
 * dark background (COLORFGBG says so, as ip reads it). Painted text keeps ip's exact extent,
 * trailing space included where ip's format string has one inside the colour.
 */

/** What a painted word is. */
export type ColorKind = 'ifname' | 'mac' | 'inet' | 'inet6' | 'up' | 'down';

const LIGHT: Record<ColorKind, string> = { ifname: '\x1b[36m', mac: '\x1b[33m', inet: '\x1b[35m', inet6: '\x1b[34m', up: '\x1b[32m', down: '\x1b[31m' };
const DARK: Record<ColorKind, string> = { ifname: '\x1b[1;36m', mac: '\x1b[1;33m', inet: '\x1b[1;35m', inet6: '\x1b[1;34m', up: '\x1b[1;32m', down: '\x1b[1;31m' };
const CLEAR = '\x1b[0m';

let palette: Record<ColorKind, string> | undefined;

/** ip's -color[=always|auto|never] value, or undefined when `opt` is not that option. */
export function colorOption(opt: string): 'always' | 'auto' | 'never' | undefined {
  const eq = opt.indexOf('=');
  const name = eq < 0 ? opt : opt.slice(0, eq);
  const when = eq < 0 ? '' : opt.slice(eq + 1);
  // ip's matches(): any leading part of -color, at least "-c".
  if (name.length < 2 || !'-color'.startsWith(name)) return undefined;
  if (when === '' || when === 'always') return 'always';
  return when === 'auto' || when === 'never' ? when : undefined;
}

/** Turns painting on as ip's check_enable_color() decides: never with -j, `auto` only on a terminal. */
export function enableColor(when: 'always' | 'auto' | 'never', json: boolean, isTty: boolean, env: NodeJS.ProcessEnv = process.env): void {
  palette = undefined;
  if (json || when === 'never' || (when === 'auto' && !isTty)) return;
  // ip's set_color_palette(): COLORFGBG="fg;bg" with a background of 0-6 or 8 is a dark one.
  const bg = /;([0-8])$/.exec(env.COLORFGBG ?? '')?.[1];
  palette = bg !== undefined && bg !== '7' ? DARK : LIGHT;
}

/** `text` in the colour of `kind` when painting is on; as is otherwise (or for no kind). */
export function paint(kind: ColorKind | undefined, text: string): string {
  return palette && kind ? `${palette[kind]}${text}${CLEAR}` : text;
}

/** The colour of an address of this family (AF_INET 2, AF_INET6 10). */
export function familyColor(family: number): ColorKind | undefined {
  return family === 2 ? 'inet' : family === 10 ? 'inet6' : undefined;
}

/** The colour of an operstate (IF_OPER_UP 6, IF_OPER_DOWN 2), as ip's oper_state_color(). */
export function operColor(state: number): ColorKind | undefined {
  return state === 6 ? 'up' : state === 2 ? 'down' : undefined;
}
