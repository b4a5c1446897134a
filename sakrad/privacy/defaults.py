"""The accessibility statement shipped with the application, after Digg's model
(https://www.digg.se/tdosanmalan, "Tillgänglighetsredogörelse"). An administrator edits the
stored copy; this text is shown until then."""

DEFAULT_STATEMENT = {
    "sv": """\
Den myndighet som driver Sakråd står bakom den här webbplatsen. Vi vill att så många som
möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen om
tillgänglighet till digital offentlig service, kända brister och hur du kan rapportera problem
så att vi kan åtgärda dem.

## Hur tillgänglig är webbplatsen?

Vi bedömer att webbplatsen är **helt förenlig** med WCAG 2.1 nivå AA. Vi känner inte till
några brister.

## Hur vi testat webbplatsen

Varje sida testas automatiskt med verktyget axe (regler för WCAG 2.1 A och AA) i en riktig
webbläsare, på svenska och engelska, varje gång programmet ändras. Inga sidor får ha
överträdelser för att en ändring ska godkännas. Vi testar också att det går att ta sig igenom
de viktigaste flödena med enbart tangentbord. Automatiska tester hittar inte alla problem; hör
av dig om du stöter på något.

## Kända brister

Vi känner inte till några brister just nu.

## Om du behöver innehållet i ett annat format

Om du behöver innehåll från webbplatsen som inte är tillgängligt för dig, men som omfattas av
lagen, kan du meddela oss på kontaktsidan. Vi svarar så snart vi kan, normalt inom fem
arbetsdagar, och kan till exempel skicka protokoll och dokument som text.

## Rapportera brister i webbplatsens tillgänglighet

Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem
som inte är beskrivna på den här sidan, eller om du anser att vi inte uppfyller lagens krav,
meddela oss via kontaktsidan så att vi får veta att problemet finns.

## Tillsyn

Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om
tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina
synpunkter kan du [kontakta Digg och påtala det](https://www.digg.se/tdosanmalan).
""",
    "en": """\
The public body that runs Sakråd is responsible for this website. We want as many people as
possible to be able to use it. This statement describes how the website complies with the
Swedish act on accessibility to digital public services, any known gaps, and how you can
report problems so that we can fix them.

## How accessible is the website?

We consider the website **fully compliant** with WCAG 2.1 level AA. We know of no gaps.

## How we tested the website

Every page is tested automatically with the axe tool (the WCAG 2.1 A and AA rules) in a real
browser, in Swedish and English, every time the software changes. A change is accepted only
when no page has violations. We also test that the main journeys work with a keyboard only.
Automated tests do not find every problem; please tell us about anything you run into.

## Known gaps

We know of no gaps at the moment.

## If you need the content in another format

If you need content from the website that is not accessible to you but is covered by the act,
tell us through the contact page. We answer as soon as we can, normally within five working
days, and can for example send minutes and documents as text.

## Report problems with the website's accessibility

We keep working on the website's accessibility. If you find problems not described on this
page, or think that we do not meet the requirements of the act, tell us through the contact
page so that we know about the problem.

## Supervision

The Agency for Digital Government (Digg) supervises the act on accessibility to digital public
services. If you are not satisfied with how we handle your comments, you can
[contact Digg and tell them](https://www.digg.se/tdosanmalan).
""",
}
