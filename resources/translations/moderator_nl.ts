<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AccountsMenu</name>
    <message>
        <source>&amp;Accounts</source>
        <translation>&amp;Accounts</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>Account &amp;toevoegen…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Afmelden</translation>
    </message>
    <message>
        <source>&amp;Forget this account</source>
        <translation>Dit account &amp;vergeten</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Results chart</source>
        <translation>Grafiek met de uitslag</translation>
    </message>
    <message>
        <source>No answers yet</source>
        <translation>Nog geen antwoorden</translation>
    </message>
    <message>
        <source>%1: %2 (%3%)</source>
        <translation>%1: %2 (%3%)</translation>
    </message>
    <message>
        <source>No options</source>
        <translation>Geen keuzes</translation>
    </message>
</context>
<context>
    <name>ComingSoonPage</name>
    <message>
        <source>Coming soon: this part of Moderator Desk is being built. The queue already works.</source>
        <translation>Binnenkort: aan dit deel van Moderator Desk wordt nog gewerkt. De wachtrij werkt al wel.</translation>
    </message>
</context>
<context>
    <name>DismissDialog</name>
    <message>
        <source>Dismiss</source>
        <translation>Afhandelen</translation>
    </message>
    <message>
        <source>Why does this discussion need no reply?</source>
        <translation>Waarom heeft deze discussie geen antwoord nodig?</translation>
    </message>
    <message>
        <source>Answered elsewhere</source>
        <translation>Elders beantwoord</translation>
    </message>
    <message>
        <source>No reply needed</source>
        <translation>Geen antwoord nodig</translation>
    </message>
    <message>
        <source>Not a question</source>
        <translation>Geen vraag</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dubbel</translation>
    </message>
    <message>
        <source>Choose or type a reason</source>
        <translation>Kies of typ een reden</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Any age</source>
        <translation>Elke wachttijd</translation>
    </message>
    <message>
        <source>Waited 24 h or more</source>
        <translation>24 uur of langer gewacht</translation>
    </message>
    <message>
        <source>Waited 48 h or more</source>
        <translation>48 uur of langer gewacht</translation>
    </message>
    <message>
        <source>Waited a week or more</source>
        <translation>Een week of langer gewacht</translation>
    </message>
    <message>
        <source>All courses</source>
        <translation>Alle cursussen</translation>
    </message>
    <message>
        <source>All forums</source>
        <translation>Alle forums</translation>
    </message>
</context>
<context>
    <name>ForumsPage</name>
    <message>
        <source>Course / forum</source>
        <translation>Cursus / forum</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wachtend</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Moderator Desk — %1</source>
        <translation>Moderator Desk — %1</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Wachtrij</translation>
    </message>
    <message>
        <source>Forums</source>
        <translation>Forums</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Gespreksstarters</translation>
    </message>
    <message>
        <source>Polls</source>
        <translation>Peilingen</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>Switch &amp;account</source>
        <translation>Van &amp;account wisselen</translation>
    </message>
    <message>
        <source>&amp;Triage</source>
        <translation>&amp;Triage</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ga naar</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Instellingen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Werkbalk</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Moderator Desk</source>
        <translation>Moderator Desk</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wacht</numerusform>
            <numerusform>%n wachten</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation>Niemand wacht</translation>
    </message>
    <message>
        <source>Every learner has an answer. Press F5 to check for new posts.</source>
        <translation>Elke cursist heeft een antwoord. Druk op F5 om te kijken of er nieuwe berichten zijn.</translation>
    </message>
    <message>
        <source>claimed by %1</source>
        <translation>opgepakt door %1</translation>
    </message>
    <message>
        <source>locked: replies are closed</source>
        <translation>gesloten: reageren kan niet meer</translation>
    </message>
    <message>
        <source>Un&amp;claim</source>
        <translation>&amp;Vrijgeven</translation>
    </message>
    <message>
        <source>&amp;Claim</source>
        <translation>&amp;Oppakken</translation>
    </message>
    <message>
        <source>Offline: showing the posts stored on this computer.</source>
        <translation>Offline: je ziet de berichten die op deze computer staan.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Versturen…</translation>
    </message>
    <message>
        <source>Reply sent.</source>
        <translation>Antwoord verstuurd.</translation>
    </message>
    <message>
        <source>Offline: the reply waits in the outbox and goes at the next sync.</source>
        <translation>Offline: het antwoord wacht in het postvak uit en gaat mee met de volgende synchronisatie.</translation>
    </message>
    <message>
        <source>Dismissed. Ctrl+Z brings it back.</source>
        <translation>Afgehandeld. Met Ctrl+Z komt het terug.</translation>
    </message>
    <message>
        <source>Snoozed. Ctrl+Z brings it back.</source>
        <translation>Uitgesteld. Met Ctrl+Z komt het terug.</translation>
    </message>
    <message>
        <source>Unclaimed.</source>
        <translation>Vrijgegeven.</translation>
    </message>
    <message>
        <source>Claimed.</source>
        <translation>Opgepakt.</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>Ongedaan gemaakt.</translation>
    </message>
    <message>
        <source>New posts waiting</source>
        <translation>Nieuwe berichten wachten</translation>
    </message>
    <message numerus="yes">
        <source>%n learner post(s) started waiting for an answer.</source>
        <translation>
            <numerusform>%n bericht van een cursist wacht nu op een antwoord.</numerusform>
            <numerusform>%n berichten van cursisten wachten nu op een antwoord.</numerusform>
        </translation>
    </message>
    <message>
        <source>Still busy</source>
        <translation>Nog bezig</translation>
    </message>
    <message>
        <source>A sync is still finishing; it will stop at the next page.</source>
        <translation>Een synchronisatie rondt nog af; die stopt bij de volgende pagina.</translation>
    </message>
</context>
<context>
    <name>MainWindowCentral</name>
    <message>
        <source>Sections</source>
        <translation>Onderdelen</translation>
    </message>
    <message>
        <source>Search subject, text or learner (Ctrl+F)</source>
        <translation>Zoek op onderwerp, tekst of cursist (Ctrl+F)</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Cursus</translation>
    </message>
    <message>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <source>Waited at least</source>
        <translation>Minstens gewacht</translation>
    </message>
    <message>
        <source>Questions only</source>
        <translation>Alleen vragen</translation>
    </message>
    <message>
        <source>Waiting discussions</source>
        <translation>Wachtende discussies</translation>
    </message>
    <message>
        <source>Waiting discussions per course and forum. Double-click a forum to see its queue.</source>
        <translation>Wachtende discussies per cursus en forum. Dubbelklik op een forum om de wachtrij ervan te zien.</translation>
    </message>
    <message>
        <source>Forums</source>
        <translation>Forums</translation>
    </message>
</context>
<context>
    <name>ReplyBox</name>
    <message>
        <source>Your reply</source>
        <translation>Je antwoord</translation>
    </message>
    <message>
        <source>Write a reply… (R). Plain text: line breaks and links are kept.</source>
        <translation>Schrijf een antwoord… (R). Platte tekst: regeleinden en links blijven behouden.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Versturen</translation>
    </message>
    <message>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation>Verstuur het antwoord (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Warn when a post has waited (hours)</source>
        <translation>Waarschuwen als een bericht zo lang wacht (uren)</translation>
    </message>
    <message>
        <source>Overdue when a post has waited (hours)</source>
        <translation>Te laat als een bericht zo lang wacht (uren)</translation>
    </message>
    <message>
        <source>Sync automatically every (minutes, 0 = never)</source>
        <translation>Automatisch synchroniseren, elke (minuten, 0 = nooit)</translation>
    </message>
    <message>
        <source>Notify me when new posts start waiting</source>
        <translation>Meld het als er nieuwe berichten gaan wachten</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>A forum is quiet after this many days without a learner post</source>
        <translation>Een forum is stil na zoveel dagen zonder bericht van een cursist</translation>
    </message>
    <message>
        <source>A forum is quiet with fewer distinct posters than</source>
        <translation>Een forum is stil met minder verschillende schrijvers dan</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systeemtaal</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Instellingen…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>These settings apply to every account on this computer.</source>
        <translation>Deze instellingen gelden voor alle accounts op deze computer.</translation>
    </message>
    <message>
        <source>A new language shows at once in the main window; open dialogs change when they are opened again.</source>
        <translation>Een andere taal zie je meteen in het hoofdvenster; open vensters veranderen pas als je ze opnieuw opent.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Toetsen</translation>
    </message>
    <message>
        <source>(menu only)</source>
        <translation>(alleen via het menu)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Moderator Desk: sign in</source>
        <translation>Moderator Desk: aanmelden</translation>
    </message>
    <message>
        <source>Enter the address of your Moodle site.</source>
        <translation>Vul het adres van je Moodle-site in.</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>Vul je gebruikersnaam en wachtwoord in.</translation>
    </message>
    <message>
        <source>Checking the site…</source>
        <translation>De site wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>Moodle site found. Signing in…</source>
        <translation>Moodle-site gevonden. Bezig met aanmelden…</translation>
    </message>
    <message>
        <source>Signed in to %1.</source>
        <translation>Aangemeld bij %1.</translation>
    </message>
    <message>
        <source>Sign-in kept for this session only</source>
        <translation>Aanmelding alleen voor deze sessie bewaard</translation>
    </message>
    <message>
        <source>Your computer has no password store (keyring) that Moderator Desk can use, so your sign-in is kept only while the app is open. You will be asked to sign in again next time.</source>
        <translation>Je computer heeft geen wachtwoordkluis (keyring) die Moderator Desk kan gebruiken. Je aanmelding blijft daarom alleen bewaard zolang de app open is; de volgende keer moet je je opnieuw aanmelden.</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <source>Sign in to your Moodle site</source>
        <translation>Meld je aan bij je Moodle-site</translation>
    </message>
    <message>
        <source>Use the address you open in your browser and your usual Moodle username and password. Moderator Desk keeps only a sign-in token, never your password.</source>
        <translation>Gebruik het adres dat je in je browser opent, met je gewone gebruikersnaam en wachtwoord voor Moodle. Moderator Desk bewaart alleen een aanmeldsleutel (token), nooit je wachtwoord.</translation>
    </message>
    <message>
        <source>Site &amp;address:</source>
        <translation>&amp;Siteadres:</translation>
    </message>
    <message>
        <source>https://moodle.example.org</source>
        <translation>https://moodle.voorbeeld.nl</translation>
    </message>
    <message>
        <source>Site address</source>
        <translation>Siteadres</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Checking the site…</source>
        <translation>De site wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>Probeer de &amp;demo</translation>
    </message>
    <message>
        <source>Open a built-in demo site with Dutch courses and waiting posts; nothing leaves your computer.</source>
        <translation>Open een ingebouwde demosite met Nederlandse cursussen en wachtende berichten; er gaat niets van je computer naar buiten.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Aanmelden</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze</source>
        <translation>Uitstellen</translation>
    </message>
    <message>
        <source>For an hour</source>
        <translation>Een uur</translation>
    </message>
    <message>
        <source>Until tomorrow 9:00</source>
        <translation>Tot morgen 9:00</translation>
    </message>
    <message>
        <source>Until next week (Monday 9:00)</source>
        <translation>Tot volgende week (maandag 9:00)</translation>
    </message>
    <message>
        <source>Hide this discussion from the queue until:</source>
        <translation>Verberg deze discussie in de wachtrij tot:</translation>
    </message>
    <message>
        <source>Until a moment I choose:</source>
        <translation>Tot een moment dat ik kies:</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Not synced yet</source>
        <translation>Nog niet gesynchroniseerd</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <source>Offline: everything local keeps working; replies wait in the outbox.</source>
        <translation>Offline: alles op deze computer blijft werken; antwoorden wachten in het postvak uit.</translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Laatste synchronisatie: nooit</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Laatste synchronisatie: %1</translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation>Postvak uit: %1</translation>
    </message>
    <message>
        <source>Replies and other changes waiting to be sent</source>
        <translation>Antwoorden en andere wijzigingen die nog verstuurd moeten worden</translation>
    </message>
    <message>
        <source>courses</source>
        <translation>cursussen</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>deelnemers</translation>
    </message>
    <message>
        <source>forums</source>
        <translation>forums</translation>
    </message>
    <message>
        <source>discussions</source>
        <translation>discussies</translation>
    </message>
    <message>
        <source>posts</source>
        <translation>berichten</translation>
    </message>
    <message>
        <source>outbox</source>
        <translation>postvak uit</translation>
    </message>
    <message>
        <source>Syncing %1… %p%</source>
        <translation>Synchroniseren: %1… %p%</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>This address does not lead to a Moodle site. Check the address, for example https://moodle.example.org.</source>
        <translation>Dit adres leidt niet naar een Moodle-site. Controleer het adres, bijvoorbeeld https://moodle.voorbeeld.nl.</translation>
    </message>
    <message>
        <source>The site wants you to accept its policy first. Sign in once in your browser, accept the policy, then try again here.</source>
        <translation>De site vraagt je eerst het sitebeleid te accepteren. Meld je één keer aan in je browser, accepteer het beleid en probeer het hier daarna opnieuw.</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation>Je aanmelding is verlopen. Meld je opnieuw aan.</translation>
    </message>
    <message>
        <source>The username or password is not right.</source>
        <translation>De gebruikersnaam of het wachtwoord klopt niet.</translation>
    </message>
    <message>
        <source>This site does not allow the Moodle app. Ask the site&apos;s administrator to enable web services for mobile devices.</source>
        <translation>Deze site staat de Moodle-app niet toe. Vraag de beheerder van de site om webservices voor mobiele apparaten aan te zetten.</translation>
    </message>
    <message>
        <source>The Moderator Desk plugin is not installed on this site.</source>
        <translation>De Moderator Desk-plug-in is niet op deze site geïnstalleerd.</translation>
    </message>
    <message>
        <source>Web services are switched off on this site. Ask the site&apos;s administrator to enable them.</source>
        <translation>Webservices staan uit op deze site. Vraag de beheerder van de site om ze aan te zetten.</translation>
    </message>
    <message>
        <source>The site is down for maintenance. Please try again later.</source>
        <translation>De site is in onderhoud. Probeer het later nog eens.</translation>
    </message>
    <message>
        <source>The site cannot be reached. Check the address and your internet connection, then try again.</source>
        <translation>De site is niet bereikbaar. Controleer het adres en je internetverbinding en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>This site only accepts secure connections: use an https:// address.</source>
        <translation>Deze site accepteert alleen beveiligde verbindingen: gebruik een adres dat met https:// begint.</translation>
    </message>
    <message>
        <source>Use the site&apos;s own address, exactly as it appears in your browser.</source>
        <translation>Gebruik het eigen adres van de site, precies zoals het in je browser staat.</translation>
    </message>
    <message>
        <source>The site refused the request: %1</source>
        <translation>De site weigerde het verzoek: %1</translation>
    </message>
    <message>
        <source>You are not allowed to do this on this site.</source>
        <translation>Dit mag je niet doen op deze site.</translation>
    </message>
    <message>
        <source>This item no longer exists on the site.</source>
        <translation>Dit bestaat niet meer op de site.</translation>
    </message>
    <message>
        <source>The site answered in a way Moderator Desk does not understand.</source>
        <translation>De site gaf een antwoord dat Moderator Desk niet begrijpt.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The details are in the log file.</source>
        <translation>Er ging onverwacht iets mis. De details staan in het logbestand.</translation>
    </message>
</context>
<context>
    <name>excepthook</name>
    <message>
        <source>Moderator Desk: an error</source>
        <translation>Moderator Desk: er ging iets mis</translation>
    </message>
    <message>
        <source>Something went wrong that Moderator Desk did not expect. Your data is safe; you can keep working. If it happens again, please send the details below to the developers.</source>
        <translation>Er ging iets mis dat Moderator Desk niet verwachtte. Je gegevens zijn veilig en je kunt gewoon doorwerken. Gebeurt het nog eens, stuur de details hieronder dan naar de ontwikkelaars.</translation>
    </message>
    <message>
        <source>The log file is %1</source>
        <translation>Het logbestand: %1</translation>
    </message>
</context>
</TS>
