// Package docs is the documents of a contract: their types, the checks a
// file must pass (PDF, PNG or JPEG from its content, at most 10 MB), and the
// drop folders <data>/depot/<contract reference>/ watched with fsnotify.
//
// # What the Watcher guarantees
//
//   - A file is ingested once fully written: no event for Debounce, then the
//     same size and modification time at two looks one Debounce apart, then
//     the same again at the end of the read (otherwise nothing is stored and
//     the file is looked at later). Temporary names of browsers and editors
//     (see Ignored) are never read; the final rename brings the real name.
//   - Exactly once: the store recognises a content already attached to the
//     contract (same SHA-256) and reports it as a duplicate; the file leaves
//     the drop folder only after the store has committed it, so a crash in
//     between ends as a duplicate at the next start, never as a loss.
//   - Nothing is deleted that was not stored: unreadable, empty, oversized
//     or wrong-type files, and files of unknown or closed contracts, stay
//     where they are, with one EventRefused each (again only if they change).
//   - Folders created and removed while it runs are followed; the root is
//     recreated if it disappears; what arrived while the application was
//     closed is ingested at start.
//
// # fsnotify platform caveats handled
//
//   - Linux (inotify): watches are not recursive, so the root and each
//     contract folder get their own watch (the drop folders are one level
//     deep by design). fs.inotify.max_user_watches bounds the number of
//     watches; when Add fails the folder is reported once (EventProblem
//     "watch_limit") and is still covered by the periodic Rescan. An
//     inotify queue overflow (IN_Q_OVERFLOW, fsnotify.ErrEventOverflow)
//     triggers a full rescan.
//   - Windows (ReadDirectoryChangesW): the per-folder buffer is raised to
//     256 KiB (fsnotify.WithBufferSize); when it still overflows, fsnotify
//     reports ErrEventOverflow and every folder is rescanned. A file being
//     copied by Explorer is often pre-sized and locked by its writer: an
//     open or read that fails is retried with back-off (MaxAttempts) before
//     being reported, and the end-of-read check catches a file that grew or
//     changed meanwhile. A deleted watched folder may not produce events for
//     its files, so the watcher forgets everything under a removed folder.
//   - macOS (fsnotify uses kqueue, not FSEvents): kqueue needs one open
//     file descriptor per watched folder and per file inside it, so the
//     process's open-file limit (ulimit -n, 256 by default) is reached
//     sooner. Drop folders are kept nearly empty (files leave once stored)
//     and an Add that fails falls back to the periodic rescan. kqueue also
//     sends Write events on folders when their content changes; a Write on
//     a contract folder rescans it. Files written on network or FUSE volumes
//     may send no event at all: the Rescan period covers them.
//   - Everywhere: fsnotify events for one user action arrive as several
//     Create/Write/Chmod events (or none, for some copy tools), which is
//     why ingestion is decided by the debounce and the stable-size check,
//     not by any single event.
package docs
