// ncurses for the REPL's full-screen view. Some of what Swift needs is a macro or a
// variable that a reentrant build turns into a function; these wrappers hide which.
#define NCURSES_WIDECHAR 1
#include <ncurses.h>
#include <locale.h>

static inline WINDOW *loupe_stdscr(void) { return stdscr; }
static inline int loupe_lines(void) { return LINES; }
static inline int loupe_cols(void) { return COLS; }
static inline int loupe_attr_reverse(void) { return A_REVERSE; }
static inline int loupe_attr_bold(void) { return A_BOLD; }
static inline int loupe_attr_dim(void) { return A_DIM; }
static inline int loupe_key_resize(void) { return KEY_RESIZE; }
static inline int loupe_key_enter(void) { return KEY_ENTER; }
static inline int loupe_key_backspace(void) { return KEY_BACKSPACE; }
static inline int loupe_key_page_up(void) { return KEY_PPAGE; }
static inline int loupe_key_page_down(void) { return KEY_NPAGE; }
static inline int loupe_attr_on(int a) { return attron(a); }
static inline int loupe_attr_off(int a) { return attroff(a); }
/// A screen on the standard streams; NULL (where `initscr` would exit) when the terminal
/// is unknown.
static inline SCREEN *loupe_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int loupe_key_up(void) { return KEY_UP; }
static inline int loupe_key_down(void) { return KEY_DOWN; }
