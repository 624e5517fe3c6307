// Fixed-argument wrappers around libedit's variadic el_set/history calls, which Swift
// cannot call directly. Only the calls Loupe needs; all behaviour lives in Swift.
#ifndef LOUPE_CLIBEDIT_SHIM_H
#define LOUPE_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <histedit.h>

typedef char *(*loupe_prompt_function)(EditLine *);
typedef unsigned char (*loupe_completion_function)(EditLine *, int);

/// An editor on the standard streams (which Swift 6 cannot name: they are mutable globals).
static inline EditLine *loupe_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }

/// The prompt; text between two \1 characters (colour escapes) takes no room on screen.
static inline void loupe_el_set_prompt(EditLine *el, loupe_prompt_function f) { el_set(el, EL_PROMPT_ESC, f, '\1'); }

/// Emacs keys unless the user's ~/.editrc says otherwise (`bind -v` for vi keys).
static inline void loupe_el_configure(EditLine *el) {
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 0);
    el_source(el, NULL);
}

static inline void loupe_el_set_history(EditLine *el, History *h) { el_set(el, EL_HIST, history, h); }

/// Binds TAB to `f`.
static inline void loupe_el_set_completion(EditLine *el, loupe_completion_function f) {
    el_set(el, EL_ADDFN, "loupe-complete", "Complete a command, name or argument", f);
    el_set(el, EL_BIND, "^I", "loupe-complete", NULL);
}

static inline History *loupe_history_open(int size) {
    HistEvent event;
    History *h = history_init();
    if (h == NULL) return NULL;
    history(h, &event, H_SETSIZE, size);
    history(h, &event, H_SETUNIQUE, 1);
    return h;
}

static inline void loupe_history_add(History *h, const char *line) { HistEvent e; history(h, &e, H_ENTER, line); }
static inline void loupe_history_load(History *h, const char *path) { HistEvent e; history(h, &e, H_LOAD, path); }
static inline void loupe_history_save(History *h, const char *path) { HistEvent e; history(h, &e, H_SAVE, path); }

#endif
