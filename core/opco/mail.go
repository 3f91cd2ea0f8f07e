package opco

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net/smtp"
	"os"
	"path/filepath"
	"strings"
	"time"

	"cerfadesk/core/workflow"
)

// Mailer delivers e-mails.
type Mailer interface {
	Send(ctx context.Context, from string, m Mail) error
	// String says where the e-mails go, for the start-up log.
	String() string
}

// LogMailer notes e-mails in the log instead of sending them: who and
// what, never the body (it names apprentices, and logs are read widely).
type LogMailer struct{ Log *slog.Logger }

// Send logs that the e-mail was not sent.
func (l LogMailer) Send(_ context.Context, from string, m Mail) error {
	log := l.Log
	if log == nil {
		log = slog.Default()
	}
	log.Info("e-mail not sent (no --smtp)", "from", from, "to", m.To, "subject", m.Subject, "bytes", len(m.Body))
	return nil
}

func (LogMailer) String() string {
	return "log (the e-mails are noted in the log, not sent; use --smtp host:port)"
}

// DirMailer writes each e-mail as an .eml file (0600) in Dir instead of
// sending it: the default of opco-server without --smtp, for trying the
// service on one machine. The log says a file was written, not what it
// says.
type DirMailer struct {
	Dir string
	Log *slog.Logger
}

// Send writes the message to a new file of Dir.
func (d DirMailer) Send(_ context.Context, from string, m Mail) error {
	if err := os.MkdirAll(d.Dir, 0o700); err != nil {
		return err
	}
	now := time.Now()
	name := filepath.Join(d.Dir, fmt.Sprintf("%s-%d.eml", now.UTC().Format("20060102T150405Z"), m.ID))
	// Written aside, then renamed: whoever reads the folder's .eml files
	// never finds one half written.
	if err := os.WriteFile(name+".tmp", Message(from, m, now), 0o600); err != nil {
		return err
	}
	if err := os.Rename(name+".tmp", name); err != nil {
		os.Remove(name + ".tmp")
		return err
	}
	log := d.Log
	if log == nil {
		log = slog.Default()
	}
	log.Info("e-mail written to a file, not sent (no --smtp)", "to", m.To, "file", name)
	return nil
}

func (d DirMailer) String() string {
	return "folder " + d.Dir + " (the e-mails are written there as .eml files, not sent; use --smtp host:port)"
}

// SMTPMailer sends e-mails to an SMTP server (STARTTLS when it offers it).
type SMTPMailer struct {
	Addr string // host:port
	// Auth, when set, authenticates (PLAIN needs TLS or localhost).
	Auth smtp.Auth
}

// Send delivers the message.
func (m SMTPMailer) Send(_ context.Context, from string, mail Mail) error {
	return smtp.SendMail(m.Addr, m.Auth, from, []string{mail.To}, Message(from, mail, time.Now()))
}

func (m SMTPMailer) String() string { return "smtp://" + m.Addr }

// Message returns the RFC 5322 message of an e-mail: UTF-8 text, quoted-
// printable, French subject encoded.
func Message(from string, m Mail, date time.Time) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\n", from)
	fmt.Fprintf(&b, "To: %s\r\n", m.To)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", date.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <mail-%d-%d@opco-server>\r\n", m.ID, date.UnixNano())
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n")))
	qp.Close()
	b.WriteString("\r\n")
	return b.Bytes()
}

// sentMail is the e-mail telling an employer that a CFA sent a contract.
func sentMail(opco string, cfa Account, r record) Mail {
	who := cfa.Name
	if who == "" {
		who = r.cfaName
	}
	if who == "" {
		who = cfa.Login
	}
	kind := "contrat d'apprentissage"
	if r.kind == "PROFESSIONNALISATION" {
		kind = "contrat de professionnalisation"
	}
	body := fmt.Sprintf(`Bonjour,

L'organisme de formation %s a déposé un %s sur votre compte %s%s.

Connectez-vous à votre compte, retrouvez le contrat au statut « %s »
(référence %s) et cliquez sur ACCEPTER pour relire et compléter les données
pré-saisies. Accepter ne transmet rien : vous transmettrez le contrat à
l'OPCO vous-même, une fois vérifié.

Ce message est envoyé automatiquement : merci de ne pas y répondre.
`, who, kind, opco, forWhom(r.apprenticeName), workflow.EnvoyeParCFA.Label(), r.reference)
	return Mail{To: r.sentTo, Subject: fmt.Sprintf("%s : un %s vous attend", opco, kind), Body: body}
}

func forWhom(name string) string {
	if name == "" {
		return ""
	}
	return " pour " + name
}

// queueMail writes an e-mail to the queue, in the caller's transaction:
// it leaves only if the change it reports is committed.
func (s *Service) queueMail(ctx context.Context, tx Tx, m Mail) error {
	if err := tx.QueueMail(ctx, m, s.now()); err != nil {
		return internal("Le courriel n'a pas pu être préparé.", err)
	}
	return nil
}

func (s *Service) wakeMailer() {
	select {
	case s.mailWake <- struct{}{}:
	default:
	}
}

// RunMailer delivers the queued e-mails with m until ctx ends: at once when
// one is queued, and again after a failure with an exponential back-off
// (10 s, 20 s… up to 1 h). An e-mail is marked sent only once m accepted it.
func (s *Service) RunMailer(ctx context.Context, m Mailer) {
	const idle = 30 * time.Second
	for {
		next := s.deliverMails(ctx, m)
		wait := idle
		if !next.IsZero() {
			if d := time.Until(next); d < wait {
				wait = max(d, 10*time.Millisecond)
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-s.mailWake:
		case <-t.C:
		}
		t.Stop()
	}
}

// mailLease is how long a claimed e-mail is hidden from the other
// instances' senders: past it, an e-mail whose sender died unmarked is
// sent again (at least once, never by two senders at a time).
const mailLease = 2 * time.Minute

// deliverMails sends the e-mails due and returns when the next retry is due
// (zero when none waits). Every instance runs it: each e-mail is claimed by
// one of them (store.MailQueue).
func (s *Service) deliverMails(ctx context.Context, m Mailer) time.Time {
	list, err := s.Store.ClaimMails(ctx, time.Now(), mailLease, 20)
	if err != nil {
		if ctx.Err() == nil {
			s.log().Error("mail queue", "err", err)
		}
		return time.Now().Add(10 * time.Second)
	}
	for _, p := range list {
		if ctx.Err() != nil {
			return time.Time{}
		}
		err := m.Send(ctx, s.MailFrom, p.Mail)
		now := time.Now()
		if err == nil {
			err = s.Store.MailSent(context.WithoutCancel(ctx), p.ID, now)
			s.log().Info("e-mail sent", "to", p.To, "subject", p.Subject, "via", m.String())
			if err != nil {
				s.log().Error("mail queue", "err", err)
			}
			continue
		}
		backoff := min(10*time.Second<<min(p.Attempts, 10), time.Hour)
		s.log().Warn("e-mail not sent, will retry", "to", p.To, "attempt", p.Attempts+1, "retry_in", backoff, "err", err)
		if err := s.Store.MailFailed(context.WithoutCancel(ctx), p.ID, err.Error(), now.Add(backoff)); err != nil {
			s.log().Error("mail queue", "err", err)
		}
	}
	next, ok, err := s.Store.NextMail(ctx)
	if err != nil || !ok {
		return time.Time{}
	}
	return next
}
