package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/opcoapi"
	opcosync "cerfadesk/core/sync"
)

// signInForm is the content of « Se connecter à l'OPCO ».
type signInForm struct {
	url, login, password *widget.Entry
	message              *widget.Label
	signIn, local, out   *widget.Button
	content              fyne.CanvasObject
	// settled, when set, is called once the answer of a sign-in is shown:
	// tests wait on it instead of polling widgets from another goroutine.
	settled func()
}

// newSignInForm builds the sign-in form: signIn is called with what was
// typed, off the UI goroutine, and returns the account or the error to show;
// done closes the dialog; signOut is nil when nobody is signed in.
func newSignInForm(url string, account *opcoapi.Account, signIn func(url, login, pw string) (opcoapi.Account, error), done func(), signOut func()) *signInForm {
	f := &signInForm{url: widget.NewEntry(), login: widget.NewEntry(), password: widget.NewPasswordEntry()}
	f.url.SetText(url)
	f.login.SetPlaceHolder("identifiant")
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	if account != nil {
		who := account.Login
		if account.Name != "" {
			who += " — " + account.Name
		}
		f.message.SetText("Connecté en tant que " + who + " (" + roleLabel(account.Role) + ").")
		f.login.SetText(account.Login)
	}
	f.signIn = widget.NewButton("Se connecter", nil)
	f.signIn.Importance = widget.HighImportance
	f.signIn.OnTapped = func() {
		u, l, p := strings.TrimSpace(f.url.Text), strings.TrimSpace(f.login.Text), f.password.Text
		if u == "" || l == "" || p == "" {
			f.message.Importance = widget.DangerImportance
			f.message.SetText("Saisissez l'adresse du service, votre identifiant et votre mot de passe.")
			return
		}
		f.signIn.Disable()
		f.message.Importance = widget.MediumImportance
		f.message.SetText("Connexion…")
		go func() {
			a, err := signIn(u, l, p)
			fyne.Do(func() {
				if f.settled != nil {
					defer f.settled()
				}
				f.signIn.Enable()
				if err != nil {
					f.message.Importance = widget.DangerImportance
					f.message.SetText(signInError(err))
					return
				}
				f.password.SetText("")
				f.message.Importance = widget.SuccessImportance
				f.message.SetText("Connecté en tant que " + a.Login + ".")
				done()
			})
		}()
	}
	f.password.OnSubmitted = func(string) { f.signIn.OnTapped() }
	f.local = widget.NewButton("Travailler en local", done)
	buttons := container.NewHBox(f.local)
	if signOut != nil {
		f.out = widget.NewButton("Se déconnecter", func() { signOut(); done() })
		buttons.Add(f.out)
	}
	buttons.Add(f.signIn)
	form := widget.NewForm(
		widget.NewFormItem("Adresse du service", f.url),
		widget.NewFormItem("Identifiant", f.login),
		widget.NewFormItem("Mot de passe", f.password),
	)
	f.content = container.NewVBox(form, f.message, container.NewHBox(layout.NewSpacer(), buttons))
	return f
}

// signInError is the French message of a failed sign-in.
func signInError(err error) string {
	var ae *opcoapi.Error
	switch {
	case errors.As(err, &ae) && ae.Message != "":
		return ae.Message
	case opcosync.IsOffline(err):
		return "Le service de l'OPCO est injoignable : vérifiez l'adresse et votre connexion, ou travaillez en local."
	}
	return userMessage(err)
}

func roleLabel(role string) string {
	switch role {
	case "entreprise":
		return "entreprise"
	case "cfa":
		return "organisme de formation / CFA"
	case "agent":
		return "agent OPCO"
	}
	return role
}

// showSignIn opens « Se connecter à l'OPCO ».
func (o *opcoUI) showSignIn() {
	if o.sy == nil {
		return
	}
	sy, ctx := o.sy, o.ctx
	url := opcosync.DefaultURL()
	var acc *opcoapi.Account
	var signOut func()
	if a, ok := sy.Account(); ok {
		acc = &a
		signOut = o.signOut
		if s := sy.Status(); s.URL != "" {
			url = s.URL
		}
	}
	var dlg dialog.Dialog
	f := newSignInForm(url, acc, func(u, l, p string) (opcoapi.Account, error) {
		return sy.SignIn(ctx, u, l, p)
	}, func() {
		dlg.Hide()
		o.applyAccount()
		o.show(sy.Status())
		if _, ok := sy.Account(); ok {
			sy.Trigger()
		}
	}, signOut)
	dlg = dialog.NewCustomWithoutButtons("Se connecter à l'OPCO", f.content, o.d.win)
	dlg.Resize(fyne.NewSize(520, 0))
	o.d.popup = f.content
	dlg.Show()
	o.d.win.Canvas().Focus(f.login)
}
