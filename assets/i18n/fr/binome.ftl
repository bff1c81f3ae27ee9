# Binôme — catalogue de messages, français (langue de référence).
# Partagé par la CLI (fluent-bundle) et l'application (@fluent/bundle).
# Toute clé présente ici doit l'être dans en/binome.ftl (un test le vérifie).

## Types d'enregistrements
kind-programme = programme
kind-organisation = organisation
kind-person = personne
kind-mission = mission
kind-team-member = membre d'équipe
kind-enrolment = inscription
kind-session = séance
kind-attendance = présence
kind-score = note de test
kind-framework = référentiel
kind-assessment = évaluation
kind-review = revue
kind-person-merge = fusion de personnes
kind-profession = profession du programme
kind-value-choice = choix de valeur d'import
kind-erasure = effacement de personne
kind-pseudonym-key = clé de pseudonymes

## Champs (en-têtes des modèles d'import et libellés des formulaires)
field-code = Code
field-name = Nom
field-country = Pays
field-funder = Bailleur
field-start_date = Date de début
field-end_date = Date de fin
field-hours_per_day = Heures par jour
field-pass_mark = Seuil de réussite (%)
field-kind = Type
field-level = Niveau
field-city = Ville
field-family_name = Nom
field-given_names = Prénoms
field-sex = Sexe
field-role = Rôle
field-cadre = Profession
field-organisation_id = Structure
field-service = Service
field-phone = Téléphone
field-email = Courriel
field-programme_id = Programme
field-title = Intitulé
field-partner_org_id = Partenaire
field-host_org_id = Structure d'accueil
field-objectives = Objectifs
field-status = Statut
field-debrief = Bilan
field-recommendations = Recommandations
field-mission_id = Mission
field-person_id = Personne
field-team_role = Rôle dans l'équipe
field-theme = Thème
field-modality = Modalité
field-date = Date
field-reference = Référence de la demande
field-sealed = Clé scellée
field-sealed_for = Scellée pour
field-start_time = Heure de début
field-duration = Durée
field-trainer_ids = Formateurs
field-notes = Notes
field-session_id = Séance
field-note = Remarque
field-phase = Phase
field-score = Note
field-max_score = Note maximale
field-kirkpatrick = Niveau de Kirkpatrick
field-scale = Échelle
field-domains = Domaines
field-framework_id = Référentiel
field-competency_id = Compétence
field-assessor_id = Évaluateur
field-context = Contexte
field-ratings = Cotations
field-comment = Commentaire
field-reviewer_id = Relecteur
field-decision = Décision
field-kept_id = Personne conservée
field-merged_id = Personne fusionnée
field-reason = Motif
field-profession_id = Titre local
field-category = Catégorie (CITP-08)
field-field = Champ
field-value_key = Valeur (repliée)
field-value = Valeur écrite dans les listes
field-mapped_to = Ce qu'elle veut dire

## Valeurs
value-female = Femme
value-male = Homme
value-sage_femme = Sage-femme
value-infirmier = Infirmier·e
value-medecin = Médecin
value-medecin_specialiste = Médecin spécialiste
value-technicien_biomedical = Technicien·ne biomédical·e
value-aide_soignant = Aide-soignant·e
value-technicien_laboratoire = Technicien·ne de laboratoire
value-pharmacien = Pharmacien·ne
value-anesthesiste = Anesthésiste
value-agent_sante_communautaire = Agent de santé communautaire
value-gestionnaire = Gestionnaire
value-enseignant = Enseignant·e
value-etudiant = Étudiant·e
value-autre = Autre
value-1342 = 1342 · Cadres de direction, services de santé
value-2211 = 2211 · Médecins généralistes
value-2212 = 2212 · Médecins spécialistes
value-2221 = 2221 · Cadres infirmiers
value-2222 = 2222 · Sages-femmes
value-2240 = 2240 · Praticiens paramédicaux
value-2262 = 2262 · Pharmaciens
value-2320 = 2320 · Enseignants, enseignement technique et professionnel
value-3211 = 3211 · Techniciens d'appareils médicaux
value-3212 = 3212 · Techniciens de laboratoire médical
value-3213 = 3213 · Techniciens et préparateurs en pharmacie
value-3221 = 3221 · Personnel infirmier (niveau intermédiaire)
value-3222 = 3222 · Sages-femmes (niveau intermédiaire)
value-3253 = 3253 · Agents de santé communautaires
value-5321 = 5321 · Aides-soignants
value-other = Hors professions de santé
value-participant = Participant·e
value-expert = Expert·e
value-referent = Référent·e
value-coordinator = Coordinateur·rice
value-partner = Partenaire
value-host = Structure d'accueil
value-national = Hôpital national
value-regional = Hôpital régional
value-district = Hôpital de district
value-health_centre = Centre de santé
value-training_school = École de formation
value-partner_hospital = Hôpital partenaire
value-association = Association
value-planned = Prévue
value-ongoing = En cours
value-completed = Terminée
value-cancelled = Annulée
value-lead = Chef de mission
value-technical_referent = Référent technique
value-organisational_referent = Référent organisationnel
value-theory = Cours théorique
value-workshop = Atelier pratique
value-bedside = Compagnonnage au lit du patient
value-simulation = Simulation
value-placement = Stage d'observation
value-supervision = Supervision formative
value-draft = Brouillon
value-submitted = Soumise
value-validated = Validée
value-returned = Renvoyée
value-present = Présent·e
value-absent = Absent·e
value-late = En retard
value-left_early = Parti·e tôt
value-excused = Excusé·e
value-pre = Pré-test
value-post = Post-test
value-training = Formation
value-follow_up = Suivi
value-reaction = Réaction
value-learning = Apprentissage
value-behaviour = Comportement
value-results = Résultats
value-unknown = (non renseigné)

## Problèmes d'un champ ($field : libellé du champ, $value : valeur saisie)
problem-required = { $field } : champ obligatoire.
problem-invalid_date = { $field } : « { $value } » n'est pas une date valide (jj/mm/aaaa).
problem-invalid_time = { $field } : « { $value } » n'est pas une heure valide (hh:mm).
problem-invalid_number = { $field } : « { $value } » n'est pas un nombre.
problem-invalid_duration = { $field } : « { $value } » n'est pas une durée (ex. 2h30, 2,5 ou 150 min).
problem-invalid_id = { $field } : « { $value } » n'est pas un identifiant.
problem-unknown_value = { $field } : « { $value } » n'est pas reconnu{ $allowed ->
    [none] {""}
   *[other] {" "}; attendu : { $allowed }
}{ $suggestion ->
    [none] .
   *[other] . { $suggestion } ?
}
problem-not_positive = { $field } : doit être supérieur à zéro (« { $value } »).
problem-out_of_range = { $field } : « { $value } » est hors limites{ $max ->
    [none] .
   *[other] {" "}({ $min } à { $max }).
}
problem-too_long = { $field } : texte trop long (au plus { $max } caractères).
problem-too_short = { $field } : trop court (au moins { $min } caractères).
problem-mismatch = { $field } : les deux saisies diffèrent.
problem-end_before_start = { $field } : le { $value } est avant le début ({ $start }).
problem-not_found = { $field } : aucun·e { $target } ne correspond à « { $value } ».
problem-ambiguous = { $field } : « { $value } » désigne plusieurs { $target } ; précisez l'identifiant.
problem-already_exists = { $field } : « { $value } » existe déjà.
problem-session_outside_mission = { $field } : le { $value } est en dehors de la mission (du { $start } au { $end }).
problem-score_above_maximum = { $field } : { $value } dépasse la note maximale ({ $max }).
problem-not_a_participant = { $field } : { $value } n'est pas inscrit·e comme participant·e à cette mission.
problem-wrong_kind = { $field } : « { $value } » ne convient pas ici.
problem-session_not_submitted = { $field } : la séance est encore en brouillon ; elle doit être soumise avant d'être revue.
problem-self_merge = { $field } : une personne ne peut pas être fusionnée avec elle-même.
problem-already_merged = { $field } : « { $value } » a déjà été fusionné·e dans une autre personne.
problem-erased = { $field } : cette personne a été effacée à la demande d'un coordinateur ; ses noms, service, téléphone et courriel restent vides.
problem-unknown_criterion = { $field } : le critère « { $value } » n'appartient pas à cette compétence.
problem-unknown_field = « { $value } » n'est pas un champ connu.
problem-deleted = { $field } : « { $value } » a été supprimé·e.
problem-line_break = { $field } : un retour à la ligne dans « { $value } » ; ce champ tient sur une ligne (une ligne du fichier a-t-elle été avalée par un guillemet ?).
problem-control_character = { $field } : caractère de contrôle invisible (U+{ $code }) ; supprimez-le.
problem-invalid_phone = { $field } : « { $value } » n'est pas un numéro valable{ $country ->
    [none] {" "}(écrivez-le avec son indicatif, ex. +235 66 12 34 56).
   *[other] {" "}pour le pays du programme ({ $country }).
}

## Erreurs générales
error-invalid = { $kind } refusé·e : { $count ->
    [one] un problème
   *[other] { $count } problèmes
}, rien n'a été enregistré.
error-not-found = Aucun·e { $kind } ne correspond à « { $text } ».
error-ambiguous = « { $text } » désigne plusieurs { $kind } : { $candidates }.
error-newer-schema = Le fichier { $path } a été créé par une version plus récente de Binôme (schéma { $found }, celle-ci lit jusqu'au { $supported }). Mettez Binôme à jour ; le fichier n'a pas été modifié.
error-not-initialised = Ce magasin n'a pas encore d'identité d'appareil. Lancez d'abord : binome init
error-already-initialised = Ce magasin est déjà initialisé (appareil { $device }).
error-io = Impossible de lire ou d'écrire { $path } : { $detail }
error-not-a-backup = { $path } n'est pas une sauvegarde complète de Binôme (copie interrompue ?) : rien n'a été remis en place.
error-backup-altered = { $path } contient un élément que Binôme n'écrit jamais ({ $object }) : ce fichier a été modifié hors de Binôme et n'est pas remis en place. Rien n'a été changé.
error-backup-other-device = { $path } est la sauvegarde d'un autre appareil ({ $device }) : rien n'a été remis en place.
error-store = Erreur de la base de données ({ $detail }).
error-wrong-passphrase = Phrase de passe incorrecte. Vérifiez la disposition du clavier (AZERTY ou QWERTY) et la touche Verr. Maj.
error-passphrase-too-short = La phrase de passe doit compter au moins { $min } caractères : une courte phrase dans n'importe quelle langue convient.
error-key-file-missing = Le magasin { $store } est chiffré mais son fichier de clé { $key_file } est introuvable : remettez-le à côté du magasin, ou demandez au coordinateur d'ouvrir le magasin avec le kit de récupération.
error-store-missing = Le fichier de clé { $key_file } est là mais pas le magasin { $store } : remettez le magasin à sa place (ou déplacez le fichier de clé pour repartir de zéro).
error-key-file-damaged = Le fichier de clé du magasin est endommagé ({ $detail }) : le coordinateur peut ouvrir le magasin avec le kit de récupération.
error-already-protected = Le magasin { $store } a déjà une phrase de passe : déverrouillez-le avec elle.
error-not-protected = Le magasin { $store } n'a pas encore de phrase de passe : choisissez-en une.
error-wrong-key = La clé donnée n'ouvre pas le magasin { $path }.
error-kit-damaged = Le kit de récupération { $path } est illisible ({ $detail }).
error-kit-not-for-us = Ce kit de récupération n'est pas scellé pour cet ordinateur : seul un coordinateur auquel le portable faisait confiance peut l'ouvrir.
error-kit-other-store = Ce kit de récupération n'ouvre pas le magasin { $store } : c'est celui d'un autre portable, ou le magasin a changé de clé depuis (un coordinateur pour qui il était scellé a été révoqué). Demandez le kit qui se trouve maintenant à côté du magasin.
error-no-coordinator = Aucun coordinateur n'est encore reconnu sur ce portable : le kit de récupération sera écrit dès qu'un coordinateur sera reconnu (empreinte vérifiée).
error-keychain-unavailable = Le trousseau de cet ordinateur ne répond pas ({ $detail }) : la phrase de passe reste demandée à chaque ouverture.
import-mapping-written = Choix à compléter écrits dans { $path } ; relancez avec --mapping { $path }.
import-mapping-hint = Pour répondre une fois pour toutes : --write-mapping choix.toml, complétez le fichier, puis --mapping choix.toml.
import-unknown-values = Valeurs inconnues (à faire correspondre une fois) :
import-unknown-value = { $column } « { $value } » — { $count ->
    [one] 1 ligne
   *[other] { $count } lignes
} ({ $lines }){ $suggestion ->
    [none] {""}
   *[other] {" "}; proche de « { $suggestion } »
}
import-new-facility = Structure créée : « { $name } » ({ $level }).
import-new-profession = Profession ajoutée au programme : « { $title } » ({ $category }).
mapping-file-intro = Choix d'import Binôme ({ $kind }). Complétez « to » (un code ci-dessous, ou le nom
    d'une structure existante), ou remplacez « to » par create = { "{" } level = "district" { "}" } pour créer
    une structure ; puis : binome import … --mapping ce-fichier. Les choix sont retenus pour le programme.
mapping-file-group = { $column } « { $value } » : { $count ->
    [one] 1 ligne
   *[other] { $count } lignes
} ({ $lines })
mapping-file-close = proche : « { $value } » ?
mapping-file-facility = le nom d'une structure existante, ou create = { "{" } level = "health_centre", city = "…" { "}" }
mapping-file-profession = le titre d'une profession du programme ({ $titles }), un code ci-dessous, ou create = { "{" } category = "2222" { "}" } pour ajouter ce titre au programme
error-mapping-file = { $path } : fichier de choix illisible ({ $detail }).
import-sheet = Feuille lue : « { $sheet } »{ $others ->
    [none] .
   *[other] {" "}(autres feuilles : { $others } ; --sheet pour en lire une autre).
}
import-header-line = En-tête ligne { $line } ; au-dessus, non importé : ligne(s) { $skipped }.
import-lines-left-out = Non importé (totaux, signatures) : { $lines }.
import-line-left-out = ligne { $line } « { $text } »
import-lines-more = et { $more } autres
import-hidden-lines-left-out = Lignes masquées dans le classeur, non importées (--lignes-masquees pour les importer aussi) : { $lines }.
import-hidden-lines-read = Lignes masquées dans le classeur, importées aussi : { $lines }.
import-columns = Colonnes :
import-column-matched = { $letter } « { $heading } » → { $field }
import-column-chosen = { $letter } « { $heading } » → { $field } (choisi)
import-column-left-out = { $letter } « { $heading } » : laissée de côté (choisi)
import-column-full-name = { $letter } « { $heading } » → Nom et Prénoms (coupé après le nom en capitales)
import-column-session-day = { $letter } « { $heading } » → présences à la séance de ce jour
import-column-numbering = { $letter } « { $heading } » : numérotation, non importée
import-column-ignored = { $letter } « { $heading } » : aucun champ, non importée
error-import-format = { $path } : format non reconnu ({ $detail }). Formats acceptés : .xlsx, .ods, .xls, .csv, .txt.
error-read-io = { $path } : impossible de lire le fichier.
error-read-sheet-not-found = { $path } : aucune feuille « { $sheet } » (feuilles : { $sheets }).
error-read-range-too-large = { $path } : une cellule remplie en { $cell } dépasse la colonne { $max } ; supprimez-la ou copiez le tableau dans une nouvelle feuille.
error-read-sheet-too-large = { $path } : de { $first } à { $last }, la feuille s'étend sur plus de { $max } cellules ; supprimez les cellules isolées loin du tableau ou copiez le tableau dans une nouvelle feuille.
error-read-too-many-cells = { $path } : plus de { $max } cellules remplies ; importez la liste en plusieurs fichiers.
error-read-too-many-merged-regions = { $path } : plus de { $max } groupes de cellules fusionnées dans la feuille : le fichier est abîmé ou trafiqué, il est refusé. Défusionnez les cellules (ou enregistrez la feuille en CSV) et importez-la à nouveau.
error-read-cell-too-long = { $path } : ligne { $line }, colonne { $column } : plus de { $max } caractères dans une cellule.
error-read-file-too-large = { $path } : fichier trop volumineux ({ $size } ; au plus { $max }).
error-read-inflates-too-much = { $path } : le classeur se décompresse en plus de { $max } ; il est refusé.
error-read-shared-texts-miscounted = { $path } : le classeur annonce { $declared } textes dans une partie de { $size }, qui ne peut pas en contenir autant : le fichier est abîmé ou trafiqué, il est refusé. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau.
error-read-mixed-encoding = { $path } : la ligne { $line } n'est pas écrite dans le même codage que { $utf8_line ->
    [none] le reste du fichier
   *[other] la ligne { $utf8_line }
} (caractères accentués mélangés) ; enregistrez le fichier à nouveau en « CSV UTF-8 ».
error-read-unclosed-quote = { $path } : le guillemet ouvert ligne { $line } ne se ferme pas en fin de cellule ; les lignes suivantes seraient lues comme une seule cellule.
error-read-control-character = { $path } : ligne { $line }, colonne { $column } : caractère de contrôle invisible (U+{ $code }) ; supprimez-le.
error-import-value-choice = { $field } : « { $value } » ne peut pas devenir « { $target } » (ni une valeur de ce champ, ni une structure connue).
error-import-column-heading = Aucune colonne intitulée « { $heading } » dans ce fichier.
error-import-column-field = Colonne « { $heading } » : « { $field } » n'est pas un champ de cette feuille.
error-import-header = { $path } : colonne obligatoire absente : « { $column } ». Utilisez « binome template { $kind } » pour obtenir le modèle.
import-more-problems = … et { $count ->
    [one] un autre problème, non affiché
   *[other] { $count } autres problèmes, non affichés
}
error-import-rows = Import refusé : { $count ->
    [one] une ligne en erreur
   *[other] { $count } lignes en erreur
}, rien n'a été enregistré.
error-import-empty = { $path } : aucune ligne de données.
error-unknown-breakdown = Ventilation inconnue « { $value } » (possibles : { $allowed }).
error-demo-not-empty = Le magasin contient déjà des données ; la démonstration s'installe dans un magasin vide (utilisez --db pour un autre fichier).
error-pseudonym-key-coordinator = Les pseudonymes du programme { $programme } sont calculés avec une clé que seuls les ordinateurs des coordinateurs détiennent : demandez cet export à un coordinateur, ou exportez sans pseudonymes.
error-pseudonym-key-sealed = La clé de pseudonymes du programme { $programme } est scellée pour d'autres coordinateurs ({ $holders }) : demandez à l'un d'eux de faire confiance à cet ordinateur puis de vous envoyer un lot.
error-seal = Impossible de sceller la clé : { $detail }

## Import
import-sheet-participants = Participants
import-sheet-sessions = Séances
import-sheet-attendance = Présences
import-sheet-scores = Notes
import-row-problem = ligne { $line }, colonne « { $column } » : { $message }
import-summary = { $rows ->
    [one] { $rows } ligne lue
   *[other] { $rows } lignes lues
} : { $created ->
    [one] { $created } création
   *[other] { $created } créations
}, { $updated ->
    [one] { $updated } mise à jour
   *[other] { $updated } mises à jour
}.
import-dry-run = Essai à blanc : rien n'a été enregistré.
import-duplicates-partial = Doublons cherchés parmi les { $searched } premières des { $created } personnes nouvelles ; « binome persons duplicates » cherche dans tout le registre une fois la liste importée.
import-duplicates = Doublons probables à vérifier :

## Sauvegardes
backup-none = Aucune sauvegarde.
backup-restored = Sauvegarde remise en place : { $name } (l'état précédent a lui-même été sauvegardé).
backup-created = Sauvegarde prise : { $name }.
error-backup-not-found = Aucune sauvegarde ne correspond à « { $name } » (voir : binome backup list).
error-backup-ambiguous = « { $name } » désigne plusieurs sauvegardes : { $candidates }.
error-pdf = Impossible d'écrire le document PDF : { $detail }
error-spreadsheet = Impossible d'écrire le classeur : { $detail }

## Synchronisation
sync-fingerprint = Empreinte (à lire au téléphone avant d'accorder sa confiance) : { $fingerprint }
sync-exported = Lot écrit : { $path } ({ $versions } versions, { $size } Kio), chiffré pour : { $recipients }
sync-applied = Lot de { $sender } importé{ $dry ->
    [yes] {" "}(essai à blanc : rien n'a été enregistré)
   *[no] {""}
}.
sync-table-line = { $table } — nouvelles : { $new } · mises à jour : { $updated } · inchangées : { $unchanged } · en conflit : { $conflicting }
sync-already = Ce lot a déjà été importé ({ $bundle }) : rien n'a changé.
sync-quarantined = Lot mis en quarantaine : l'appareil « { $name } » n'est pas encore reconnu. Vérifiez son empreinte par téléphone : { $fingerprint }, puis : binome devices trust "{ $name }"
sync-far-future = Attention : { $count } versions portent une date à plus de 24 h dans le futur (horloge de l'expéditeur déréglée) ; elles sont gardées sans avancer l'horloge de cet appareil.
sync-after-revocation = { $count } version(s) d'appareils révoqués, faites après leur révocation, n'ont pas été importées.
sync-introduced = L'appareil « { $name } » se présente ; ce lot ne contient rien pour cet appareil. Vérifiez son empreinte par téléphone : { $fingerprint }, puis : binome devices trust "{ $name }"
sync-watching = Surveillance de { $dir } : les lots importés vont dans imported/, les refusés dans rejected/ avec la raison. Ctrl+C pour arrêter.
sync-enrolled = Appareil « { $name } » certifié comme { $role } : remettez-lui { $path } (binome device install-certificate).
sync-certificate-installed = Certificat installé : { $role }, délivré par « { $issuer } ». Les appareils qui font confiance à ce coordinateur reconnaîtront celui-ci sans appel.
error-bundle-bad-certificate = Ce certificat n'est pas signé par le coordinateur qu'il nomme, ou ne concerne pas cet appareil : refusé.
sync-quarantine-empty = Aucun lot en quarantaine.
sync-quarantine-line = { $bundle } — de « { $name } », empreinte { $fingerprint } (binome devices trust ou reject)
sync-trusted = Appareil « { $name } » reconnu.
sync-rejected = Appareil « { $name } » refusé : ses lots en attente sont écartés.
sync-revoked = Appareil « { $name } » révoqué : plus aucun de ses lots ne sera accepté.
sync-forgotten = Appareil « { $name } » (empreinte { $fingerprint }) oublié, avec ses lots en attente.
sync-no-conflicts = Aucun conflit.
sync-conflict = { $kind } { $id } : { $count } versions concurrentes
sync-head = version { $index } — { $author } sur { $device }{ $deleted ->
    [yes] {" "}(suppression)
   *[no] {""}
}
sync-inspect = Lot { $bundle } de « { $name } » ({ $role }), empreinte { $fingerprint } ; signature valide ; { $versions } versions ; créé le { $created }.
error-bundle-unreadable = Ce fichier n'est pas un lot Binôme lisible (tronqué pendant le transfert ?) : { $detail }
error-bundle-newer = Ce lot vient d'une version plus récente de Binôme (format { $found }, celle-ci lit jusqu'au { $supported }) : mettez Binôme à jour ; rien n'a été importé.
error-bundle-unsigned = Ce lot n'est pas signé : refusé, rien n'a été importé.
error-bundle-bad-signature = La signature de ce lot ne correspond pas à son contenu : il a été modifié ou falsifié. Refusé, rien n'a été importé.
error-bundle-payload-mismatch = Le contenu de ce lot ne correspond pas à son en-tête signé ({ $what }) : il a été endommagé ou modifié. Refusé, rien n'a été importé.
error-bundle-not-for-us = Ce lot n'est pas chiffré pour cet appareil : demandez à l'expéditeur de l'exporter pour vous.
error-bundle-bad-payload = Le contenu de ce lot est illisible (ligne { $line }) : { $detail }. Rien n'a été importé.
error-bundle-write = Impossible d'écrire le lot : { $detail }
error-sync-revoked = L'appareil « { $device } » a été révoqué : ses lots sont refusés.
error-sync-rejected = L'appareil « { $device } » a été refusé : ses lots sont refusés.
error-sync-key-mismatch = L'appareil « { $device } » signe avec une autre clé que celle reconnue : lot refusé.
error-sync-forged = Le lot contient une version déjà connue avec d'autres valeurs ({ $table } { $id }) : falsification ou erreur. Refusé, rien n'a été importé.
error-sync-ambiguous-device = « { $text } » désigne plusieurs appareils : { $candidates }. Donnez l'empreinte.
error-sync-role-forbids = L'appareil « { $device } » ({ $role }) ne peut pas modifier : { $kind }. Rien n'a été enregistré.
cli-error-code = Code : { $code }
error-role-forbids = Cet ordinateur ({ $role }) ne peut pas modifier : { $kind }. Rien n'a été enregistré.
error-coordinator-only = Seul l'ordinateur d'un·e coordinateur·rice enrôle des appareils ; celui-ci est celui d'un·e { $role }. Rien n'a été écrit.
error-revoke-own-laptop = Un ordinateur ne se révoque pas lui-même : révoquez-le depuis un autre ordinateur de la mission.
error-sync-unknown-origin = Le lot contient des versions de l'appareil { $device }, inconnu ici et non présenté par l'expéditeur : refusé, rien n'a été importé.
error-sync-outside-missions = L'appareil « { $device } » est inscrit pour d'autres missions : il ne peut pas modifier { $kind } { $id }. Lot refusé, rien n'a été importé.
error-sync-unknown-recipient = Aucun appareil reconnu ne correspond à « { $text } » (voir : binome devices list).
error-sync-device-has-work = L'appareil « { $device } » est cet ordinateur, ou des données venues de lui sont ici : il ne peut pas être oublié (révoquez-le s'il est perdu).
error-sync-revoked-needs-confirmation = L'appareil « { $device } » a été révoqué (ordinateur perdu ou volé). Pour lui faire confiance à nouveau, confirmez : binome devices trust "{ $device }" --malgre-revocation
error-bundle-bad-segment = La signature d'origine de l'appareil { $device } (à partir de sa version { $counter }) ne correspond pas à sa clé : lot refusé, rien n'a été importé.
error-sync-unverified-origin = Le lot contient des versions de l'appareil { $device }, qui n'est pas reconnu ici et qu'aucun coordinateur reconnu ici ne certifie : impossible de vérifier qui les a écrites. Refusé, rien n'a été importé.
error-sync-unverified = Le lot contient { $kind } { $id } qui ne correspond pas à ce que l'appareil { $device } a signé : falsifié en route. Refusé, rien n'a été importé.
error-bundle-too-large = Ce lot dépasse la taille permise pour { $limit ->
    [header] son en-tête
    [line] une ligne de son contenu
   *[plaintext] son contenu décompressé (par rapport à ce qu'annonce son en-tête)
} ({ $max } au plus) : refusé, rien n'a été importé.
error-bundle-unsupported = L'en-tête de ce lot indique { $field } = « { $value } », que cette version de Binôme ne sait pas lire : refusé, rien n'a été importé.
error-bundle-newer-schema = Ce lot vient d'une version plus récente de Binôme (schéma { $found }, celle-ci connaît jusqu'au { $supported }) : mettez Binôme à jour ; rien n'a été importé.
error-bundle-count-mismatch = L'en-tête signé de ce lot annonce { $declared } version(s) de { $kind }, son contenu en porte { $found } : endommagé ou modifié. Refusé, rien n'a été importé.
error-sync-field-too-long = Le lot contient { $kind } { $id } dont le champ « { $field } » dépasse { $max } caractères, ce qu'aucune saisie n'accepte : refusé, rien n'a été importé.
error-sync-quarantine-full = La quarantaine est pleine ({ $limit ->
    [bundle_bytes] un lot en attente fait au plus { $max }
    [bundles] { $max } lots en attente au plus
   *[total_bytes] { $max } en attente au plus
}) : reconnaissez ou refusez d'abord les appareils en attente (binome bundle quarantine). Ce lot n'a pas été gardé.

## Exports
export-sheet-indicators = Indicateurs
export-sheet-by-sex = Par sexe
export-sheet-by-cadre = Par profession
export-sheet-by-category = Par catégorie CITP-08
export-sheet-by-facility = Par structure
export-sheet-by-level = Par niveau
export-sheet-by-programme = Par programme
export-sheet-by-month = Par mois
export-sheet-sessions = Séances
export-sheet-attendance = Présences
export-sheet-scores = Pré-post-tests
export-sheet-assessments = Évaluations
export-pseudonym = Code personne
export-hours = Durée (h)
export-percent = Score (%)
export-level = Niveau atteint
export-written = Fichier écrit : { $path }

## CLI
cli-passphrase-prompt = Phrase de passe du magasin :
cli-passphrase-new = Nouvelle phrase de passe (au moins 8 caractères) :
cli-passphrase-again = Retapez-la :
cli-passphrase-changed = Phrase de passe changée. Les sauvegardes s'ouvrent aussi avec la nouvelle.
cli-store-key-replacing = Un coordinateur pour qui le kit de récupération était scellé a été révoqué : le magasin et ses sauvegardes passent sous une nouvelle clé, que la même phrase de passe ouvre. Quelques secondes, quelques minutes pour un grand magasin…
error-passphrase-not-given = Aucune phrase de passe : lancez la commande dans un terminal, ou donnez-la dans la variable { $env } (scripts).
error-passphrases-differ = Les deux phrases de passe tapées diffèrent : rien n'a changé.
cli-kit-written = Kit de récupération écrit : { $path } (ouvrable par : { $coordinators }). Envoyez-le au coordinateur ; il ne sert à personne d'autre.
cli-kit-unlocked = Magasin { $store } ({ $device }, { $author }) : nouvelle phrase de passe posée. Transmettez-la à son utilisateur, qui pourra la changer (binome passphrase change).
cli-init-done = Magasin initialisé : { $path }
cli-device = Appareil { $device } ({ $name }, { $role }), utilisateur : { $author }
cli-created = { $kind } créé·e : { $id }
cli-updated = { $kind } modifié·e : { $id }
cli-deleted = { $kind } supprimé·e (conservé·e dans l'historique) : { $id }
cli-no-rows = Aucun enregistrement.
cli-duplicates-none = Aucun doublon probable.
cli-duplicate-pair = Doublon probable ({ $reason }) :
cli-reason-name = même nom
cli-reason-phone = même téléphone
cli-merged = { $merged } fusionné·e dans { $kept }.
cli-erased = Personne effacée : elle apparaît désormais comme { $person }. L'effacement part avec le prochain lot vers chaque ordinateur.
cli-template-written = Modèle écrit : { $path }
cli-demo-done = Données de démonstration écrites en { $seconds } s : { $persons } personnes, { $sessions } séances, { $attendance } présences, { $assessments } évaluations.
cli-orphans-none = Aucune référence orpheline.
cli-orphan = { $kind } { $id } : { $field } désigne { $missing }, absent·e de ce magasin.
cli-history-line = { $when } — { $op } par { $author } sur l'appareil { $device }
cli-op-create = création
cli-op-update = modification
cli-op-delete = suppression
cli-op-import = import

## Indicateurs
ind-group = Groupe
ind-total = Total
ind-sessions = Séances
ind-persons_trained = Personnes formées
ind-training_hours = Heures de formation
ind-person_hours = Heures-personnes
ind-person_days = Jours-hommes
ind-attendance_rate = Taux de présence
ind-scored_pairs = Paires pré/post
ind-pre_mean_percent = Pré-test moyen
ind-post_mean_percent = Post-test moyen
ind-gain_points = Gain (points)
ind-pass_rate = Taux de réussite
ind-competency_pairs = Compétences évaluées
ind-competencies_acquired_rate = Compétences acquises
ind-progression_rate = Progression
ind-sessions_validated_rate = Séances validées
ind-missions = Missions
ind-expert_days = Jours-experts

## DHIS2
error-dhis2-period = « { $value } » n'est pas une période DHIS2 (ex. 202311 pour un mois, 2023Q4 pour un trimestre, 2023S2 pour un semestre, 2023 pour une année).
error-dhis2-mapping = Le fichier de correspondance DHIS2 est illisible : { $detail }. Partez du modèle : binome dhis2 template --out correspondance.json
error-dhis2-identifier = Fichier de correspondance : { $field } « { $value } » n'est pas un identifiant DHIS2 (11 lettres ou chiffres, une lettre d'abord).
error-dhis2-unknown-figure = Le fichier de correspondance cite un chiffre inconnu : { $indicator } ({ $disaggregation }).
error-dhis2-unmapped = Export DHIS2 refusé, rien n'a été écrit : { $count ->
    [one] un élément n'a pas d'identifiant DHIS2 dans le fichier de correspondance.
   *[other] { $count } éléments n'ont pas d'identifiant DHIS2 dans le fichier de correspondance.
}
error-dhis2-unmapped-facility = structure « { $name } » : unité d'organisation (org_unit) manquante
error-dhis2-unmapped-no-facility = personnes formées sans structure : unité d'organisation manquante (ligne « — » du fichier, ou renseignez leur structure)
error-dhis2-unmapped-figure = { $name } : élément de données ou combinaison de catégories manquant
error-dhis2-unreachable = Le serveur DHIS2 { $server } ne répond pas ({ $detail }). Le fichier est écrit : envoyez-le plus tard, ou importez-le dans DHIS2 (Import/Export › Import de données).
error-dhis2-insecure-server = Adresse DHIS2 refusée : « { $server } ». Le mot de passe ne part que sur une adresse https:// (http:// seulement vers cet ordinateur, localhost). Le fichier est écrit : envoyez-le plus tard à l'adresse https du serveur.
error-path-not-chosen = Fichier refusé : « { $path } » n'a pas été choisi dans une fenêtre { $use ->
    [read] d'ouverture
   *[write] d'enregistrement
} de Binôme. Choisissez-le avec le bouton prévu.
error-dhis2-refused = DHIS2 a refusé la demande (code { $status }) : { $detail }. Vérifiez l'identifiant et le mot de passe (DHIS2_PASSWORD) ou le jeton (DHIS2_TOKEN).
dhis2-summary = { $dry_run ->
    [yes] Essai à blanc DHIS2
   *[no] Import DHIS2
} : { $status } — { $imported } importée(s), { $updated } mise(s) à jour, { $ignored } ignorée(s).
dhis2-conflict = refus de DHIS2 : { $text }
dhis2-confirm = Importer ces valeurs dans DHIS2 pour de vrai ? [o/N]
dhis2-not-sent = Rien n'a été envoyé à DHIS2 (essai à blanc seulement).
dhis2-credentials-missing = Pour envoyer à DHIS2, donnez un jeton d'accès dans DHIS2_TOKEN, ou --user et le mot de passe dans DHIS2_PASSWORD.
dhis2-template-written = Modèle de correspondance écrit : { $path }. Renseignez les identifiants de votre instance DHIS2, supprimez les lignes que vous ne déclarez pas.
dhis2-written = { $count ->
    [one] { $count } valeur écrite
   *[other] { $count } valeurs écrites
} pour la période { $period } : { $path }

## Documents imprimés
print-sheet-title = Feuille d'émargement
print-programme = Programme
print-mission = Mission
print-host = Structure d'accueil
print-session = Séance
print-when = Date et durée
print-dates = Dates
print-modality = Modalité
print-trainers = Formateurs
print-name = Nom et prénom
print-signature = Signature
print-sheet-count = { $count ->
    [one] { $count } participant·e attendu·e.
   *[other] { $count } participant·e·s attendu·e·s.
}
print-trainer-signature = Signature du formateur ou de la formatrice :
print-kit-title = Kit de récupération du magasin Binôme
print-kit-device = Portable
print-kit-author = Utilisateur
print-kit-coordinators = Peut être ouvert par
print-kit-store = Magasin
print-kit-what = Ce kit permet au coordinateur, et à lui seul, de poser une nouvelle phrase de passe sur ce portable si son utilisateur l'a oubliée. Il ne révèle rien à qui le trouve : la clé du magasin y est scellée pour l'ordinateur du coordinateur. Gardez-le avec les papiers de la mission.
print-kit-how = Le coordinateur, sur son ordinateur : binome unlock --from-kit kit-de-recuperation.json --store <copie du magasin du portable>, puis il tape la nouvelle phrase de passe et la transmet à l'utilisateur.
print-kit-file = Le fichier du kit, à recopier tel quel s'il a été perdu
print-certificate-title = Attestation de formation
print-certificate-body = Nous attestons que { $name }{ $cadre ->
    [none] {""}
   *[other] , { $cadre }
}{ $organisation ->
    [none] {""}
   *[other] , { $organisation }
}, a participé à la mission de compagnonnage « { $mission } » ({ $host }, du { $start } au { $end }), dans le cadre du programme { $programme } : { $sessions } séance(s), soit { $hours } heures de formation.
print-hours = Heures
print-certificate-total = Total : { $hours } heures de formation.
print-certificate-place = Fait à ……………………, le ……………………
print-certificate-lead = Le ou la chef de mission
print-certificate-referent = Le ou la référent·e de la structure
print-report-title = Bilan de mission
print-team = Équipe
print-figures = Chiffres de la mission
print-sessions = Séances
print-present = Présents
print-chart-attendance = Taux de présence par séance
print-chart-tests = Résultats moyens des pré- et post-tests
print-chart-cadres = Personnes formées par profession
print-validations = Validations des référent·e·s
print-no-validations = Aucune séance n'a encore été revue par un·e référent·e.
print-written = Document écrit : { $path }

## Application de bureau
ui-nav-label = Navigation principale
ui-nav-missions = Missions
ui-nav-participants = Personnes
ui-nav-programmes = Programmes
ui-nav-organisations = Structures
ui-nav-sync = Synchronisation
ui-sync-waiting = Conflits et lots en attente
ui-language = Langue
ui-lock-title = Binôme est verrouillé
ui-lock-intro = Les données de ce magasin sont chiffrées. Tapez la phrase de passe pour les ouvrir.
ui-lock-passphrase = Phrase de passe
ui-lock-unlock = Déverrouiller
ui-lock-opening = Ouverture…
ui-lock-replacing-key = Un coordinateur pour qui votre kit de récupération était scellé a été révoqué : le magasin et ses sauvegardes passent sous une nouvelle clé, que votre phrase de passe ouvre toujours. Quelques secondes, quelques minutes pour un grand magasin.
ui-lock-choose-title = Protéger ce magasin par une phrase de passe
ui-lock-choose-intro = Les noms et téléphones des participants sont chiffrés sur ce portable. Choisissez une phrase de passe d'au moins { $min } caractères (une courte phrase, dans n'importe quelle langue) : elle sera demandée à chaque ouverture de Binôme. Notez-la en lieu sûr ; si vous l'oubliez, seul le coordinateur pourra rouvrir le magasin.
ui-lock-unprotected = Ce magasin vient d'une version précédente de Binôme : il va être chiffré, ainsi que ses sauvegardes (une sauvegarde chiffrée est prise d'abord).
ui-lock-new = Nouvelle phrase de passe
ui-lock-again = Retapez-la
ui-lock-protect = Chiffrer et ouvrir
ui-lock-too-short = La phrase de passe doit compter au moins { $min } caractères.
ui-lock-differ = Les deux phrases de passe tapées diffèrent.
ui-lock-now = Verrouiller
ui-lock-idle = Verrouiller après
ui-lock-minutes = { $minutes } min sans activité
ui-error-locked = Binôme est verrouillé : tapez la phrase de passe pour continuer.
ui-store-unavailable = Impossible d'ouvrir la base de données
ui-save = Enregistrer
ui-saved = Enregistré ✓
ui-create = Créer
ui-cancel = Annuler
ui-remember-title = Cet ordinateur
ui-remember-label = Se souvenir sur cet ordinateur (ouvrir Binôme sans phrase de passe)
ui-remember-explained = La clé du magasin est gardée dans le trousseau de votre session (jamais la phrase de passe) : quiconque ouvre votre session ouvre Binôme. « Verrouiller » et la mise en veille redemandent la phrase de passe. À ne pas cocher sur un ordinateur partagé.
ui-kit-title = Kit de récupération
ui-kit-explained = Si vous oubliez votre phrase de passe, un coordinateur reconnu sur cet ordinateur peut rouvrir votre magasin avec ce kit, et personne d'autre. Enregistrez-le (et sa page à imprimer) et remettez-le à votre coordinateur.
ui-kit-save = Enregistrer le kit…
ui-kit-save-pdf = Enregistrer la page à imprimer (PDF)…
ui-kit-saved = Écrit dans { $path } ; scellé pour : { $coordinators }.
ui-kit-reset-title = Rouvrir le magasin d'un expert
ui-kit-reset-start = Utiliser un kit de récupération…
ui-kit-reset-explained = Choisissez le kit que l'expert vous a remis et la copie de son magasin (binome.sqlite3), puis la nouvelle phrase de passe à lui communiquer. Seul un coordinateur pour qui le kit est scellé peut le faire ; aucune donnée du magasin n'est réécrite.
ui-kit-pick = Choisir le kit…
ui-kit-pick-store = Choisir le magasin…
ui-kit-new-passphrase = Nouvelle phrase de passe
ui-kit-new-passphrase-again = Encore une fois
ui-kit-mismatch = Les deux phrases de passe diffèrent.
ui-kit-reset-confirm = Poser la nouvelle phrase de passe
ui-kit-reset-done = Nouvelle phrase de passe posée sur le magasin de { $device } ({ $author }).
ui-erase-title = Droit à l'effacement
ui-erase-start = Effacer cette personne…
ui-erase-explained = À la demande de la personne : ses noms, service, téléphone et courriel sont vidés ici et sur chaque ordinateur qui recevra l'effacement avec vos prochains lots. Ses présences, notes et évaluations restent comptées dans les indicateurs, sous un code. On ne peut pas revenir en arrière. Les sauvegardes prises avant l'effacement disparaissent au fil des imports (les 10 dernières prises avant un import sont gardées) et des sauvegardes faites à la main (les 5 dernières) ; restaurer l'une d'elles garde la personne effacée.
ui-erase-reference = Référence de la demande (facultatif)
ui-erase-confirm = Effacer définitivement
ui-erase-done = Personne effacée : elle apparaît désormais comme { $name }. L'effacement part avec vos prochains lots.
ui-new = Nouveau
ui-none = Aucun élément.
ui-yes = Oui
ui-no = Non
ui-name = Nom
ui-search = Rechercher (nom, téléphone, service…)
ui-count = { $count ->
    [one] { $count } élément
   *[other] { $count } éléments
}
ui-page = { $from } à { $to } sur { $total }
ui-required = Champ obligatoire.
ui-date-placeholder = jj/mm/aaaa
ui-duration-placeholder = ex. 2h30
ui-time-placeholder = hh:mm
ui-first-title = Bienvenue dans Binôme
ui-first-intro = Binôme fonctionne sans réseau. Indiquez qui utilise cet ordinateur : ces informations accompagnent chaque saisie et chaque lot d'échange.
ui-first-author = Votre nom
ui-first-device = Nom de cet ordinateur
ui-first-device-example = ex. Portable de Claire – mission Abéché
ui-first-role = Votre rôle
ui-first-create = Créer l'identité de cet ordinateur
ui-first-missing = Renseignez votre nom et celui de l'ordinateur.
ui-role-expert = vous menez les formations et saisissez séances, présences et tests.
ui-role-referent = vous relisez et validez les séances, et suivez les personnes entre les missions.
ui-role-coordinator = vous consolidez les données des missions et produisez les indicateurs.
ui-welcome-title = Votre ordinateur est prêt
ui-welcome-fingerprint = Empreinte de cet ordinateur, à vérifier par vos correspondants :
ui-welcome-empty = La base est vide. Voulez-vous charger des données de démonstration (une mission au Tchad, ses séances et ses participants) pour découvrir Binôme ?
ui-welcome-demo = Charger la démonstration
ui-welcome-start-empty = Commencer sans données : créer une mission
ui-missions-title = Missions
ui-missions-new = Nouvelle mission
ui-missions-new-help = Les champs marqués * sont obligatoires. Dates au format jj/mm/aaaa.
ui-missions-none = Aucune mission pour l'instant.
ui-mission-tab-sessions = Séances
ui-mission-tab-participants = Participants
ui-mission-tab-team = Équipe
ui-mission-tab-details = Informations
ui-session-plan = Planifier une séance
ui-sessions-none = Aucune séance pour l'instant.
ui-participant-add = Ajouter un·e participant·e
ui-participant-existing = Inscrire une personne déjà connue
ui-participant-enrol = Inscrire
ui-participant-new = Ou créer une nouvelle personne
ui-participant-create-enrol = Créer et inscrire
ui-participants-none = Aucun·e participant·e inscrit·e.
ui-team-add = Ajouter un membre
ui-team-none = Aucun membre d'équipe.
ui-import-open = Importer une liste (Excel, CSV)
ui-import-title-participants = Importer des participants
ui-import-title-sessions = Importer des séances
ui-import-title-attendance = Importer des présences
ui-import-title-scores = Importer des notes
ui-import-help = Choisissez un fichier .xlsx, .ods, .xls ou .csv : ses lignes et toutes les erreurs s'affichent avant que rien ne soit enregistré.
ui-import-choose = Choisir un fichier…
ui-import-line = Ligne
ui-import-preview-partial = Aperçu : les 200 premières lignes et les lignes en erreur ({ $shown } sur { $rows }).
ui-import-ready = { $rows ->
    [one] { $rows } ligne prête
   *[other] { $rows } lignes prêtes
} : { $created } création(s), { $updated } mise(s) à jour.
ui-import-refused = { $count ->
    [one] { $count } ligne en erreur
   *[other] { $count } lignes en erreur
} sur { $rows } : corrigez le fichier puis choisissez-le à nouveau. Rien n'a été enregistré.
ui-import-duplicates = { $count ->
    [one] { $count } personne ressemble à une personne déjà connue (voir Personnes › Doublons).
   *[other] { $count } personnes ressemblent à des personnes déjà connues (voir Personnes › Doublons).
}
ui-import-confirm = { $rows ->
    [one] Importer { $rows } ligne
   *[other] Importer { $rows } lignes
}
ui-import-done = Import terminé : { $created } création(s), { $updated } mise(s) à jour.
ui-session-tab-attendance = Présences
ui-session-tab-scores = Pré/post-tests
ui-session-tab-details = Détails
ui-roster-all-present = { $count ->
    [0] Tout le monde est pointé
    [one] Marquer présent le dernier
   *[other] Tous présents ({ $count })
}
ui-roster-count = { $present } présent·e·s sur { $total }
ui-roster-keys = Clavier : ↑ ↓ pour se déplacer (← → d'une colonne à l'autre), Espace présent/absent, P présent, A absent, R en retard, D parti·e tôt, E excusé·e.
ui-status-key-present = P
ui-status-key-late = R
ui-status-key-left_early = D
ui-status-key-absent = A
ui-status-key-excused = E
ui-roster-label = Liste de présence
ui-roster-unmarked = non pointé·e
ui-roster-empty = Aucun·e participant·e inscrit·e à cette mission : inscrivez-les dans l'onglet Participants de la mission.
ui-scores-help = Saisissez les notes, en points ou en pourcentage (« 40 % » de 20 fait 8) ; Entrée passe à la ligne suivante. Chaque note est enregistrée dès que la case est quittée.
ui-scores-gain = Progression
ui-scores-points = { $value } pts
ui-size-bytes = { $value } o
ui-size-kib = { $value } Kio
ui-size-mib = { $value } Mio
ui-scores-average = Progression moyenne
ui-export-title = Exporter un lot
ui-export-help = Le lot est signé et chiffré pour les destinataires choisis (et pour cet ordinateur). Il contient ce qu'ils n'ont pas encore confirmé avoir reçu.
ui-export-recipients = Destinataires
ui-export-no-peers = Aucun appareil de confiance pour l'instant : importez d'abord un lot de votre correspondant et vérifiez son empreinte.
ui-export-mission = Mission
ui-export-all-missions = Toutes les missions
ui-export-button = Exporter un lot…
ui-export-done = Lot écrit : { $versions } version(s), { $size }.
ui-bundle-import-title = Importer un lot
ui-bundle-drop = Déposez ici un fichier .binome, ou :
ui-bundle-choose = Choisir un lot…
ui-bundle-preview = Lot de { $sender }, vérifié. Voici ce qu'il apporterait :
ui-bundle-import = Importer ce lot
ui-bundle-receive = Recevoir ce lot
ui-bundle-already = Ce lot a déjà été importé : rien à faire.
ui-bundle-quarantined = Lot de { $sender }, appareil pas encore reconnu. Il sera mis en attente jusqu'à ce que vous fassiez confiance à cet appareil.
ui-bundle-device_introduced = Lot de { $sender }, qui ne vous est pas adressé : il fait connaître cet appareil.
ui-bundle-new = Nouveaux
ui-bundle-updated = Mis à jour
ui-bundle-unchanged = Inchangés
ui-bundle-conflicting = En conflit
ui-bundle-done = Lot de { $sender } importé : { $new } nouveau(x), { $updated } mis à jour, { $conflicting } en conflit.
ui-bundle-quarantined-done = Lot de { $sender } mis en attente : vérifiez l'empreinte de l'appareil, puis faites-lui confiance ci-dessous.
ui-bundle-introduced-done = L'appareil { $sender } est maintenant connu : vérifiez son empreinte et faites-lui confiance ci-dessous.
ui-quarantine-title = Appareils à reconnaître
ui-quarantine-help = Comparez l'empreinte avec celle que votre correspondant lit sur son écran (téléphone, message) avant de faire confiance.
ui-quarantine-bundles = Lots en attente
ui-trust = Faire confiance
ui-reject = Refuser
ui-sync-trusted = { $name } est maintenant de confiance ; { $count } lot(s) en attente importé(s).
ui-sync-rejected = { $name } est refusé ; ses lots ne seront pas importés.
ui-sync-revoked = { $name } est révoqué ; ce qu'il fera désormais sera refusé.
ui-conflicts-title = Conflits
ui-conflicts-none = Aucun conflit.
ui-conflict-keep = Garder cette version
ui-conflict-deleted = Supprimé
ui-conflict-settled = Conflit réglé : { $label }.
ui-devices-title = Appareils
ui-device = Appareil
ui-role = Rôle
ui-trust-state = Confiance
ui-fingerprint = Empreinte
ui-trust-self = Cet ordinateur
ui-trust-trusted = De confiance
ui-trust-pending = À reconnaître
ui-trust-revoked = Révoqué
ui-trust-rejected = Refusé
ui-trust-relayed = Connu par un certificat
ui-lost-sent = { $count ->
    [0] Cet ordinateur ne lui a envoyé aucun lot.
    [one] Cet ordinateur lui a envoyé un lot : son contenu est lisible par qui tient ce portable et en connaît la phrase de passe.
   *[other] Cet ordinateur lui a envoyé { $count } lots : leur contenu est lisible par qui tient ce portable et en connaît la phrase de passe.
}
ui-lost-sent-when = Lot écrit le
ui-lost-sent-acknowledged = Reçu par lui
ui-lost-sent-yes = oui
ui-lost-sent-no = pas encore
ui-lost-after = Après la révocation, aucun lot ne lui sera plus chiffré, ici ni (si vous êtes coordinateur) sur les autres ordinateurs de la mission quand ils auront reçu votre prochain lot. Son magasin reste chiffré : sans sa phrase de passe, il est illisible.
ui-revoke = Révoquer…
ui-retrust = Faire confiance à nouveau…
# The confirmation's own button: the decision itself, nothing more to ask.
ui-revoke-now = Révoquer
ui-retrust-now = Faire confiance à nouveau
ui-revoke-confirm = Révoquer « { $name } » (empreinte { $fingerprint }) ? Ses données d'avant restent acceptées, d'où qu'elles viennent ; ce qu'il fera ensuite, et ses lots, seront refusés. Si cet ordinateur est celui d'un coordinateur, la révocation partira avec ses prochains lots vers tous les ordinateurs de la mission.
ui-retrust-confirm = « { $name } » (empreinte { $fingerprint }) a été révoqué. Ne lui faites à nouveau confiance que s'il a été retrouvé et que vous avez vérifié son empreinte.
ui-print-sheet = Feuille d'émargement (PDF)
ui-print-report = Bilan de mission (PDF)
ui-print-certificate = Attestation (PDF)
ui-export-workbook = Classeur bailleur (Excel)
ui-exact-figures = Effectifs exacts, même pour moins de 5 personnes (sinon « < 5 », recommandé pour les bailleurs)
ui-pseudonymise = Pseudonymiser (sans noms ni téléphones)
ui-written = Fichier écrit : { $path }
ui-nav-exports = Rapports et exports
ui-exports-scope = Périmètre
ui-exports-all-programmes = Tous les programmes
ui-exports-from = Du
ui-exports-to = au
ui-exports-workbook-help = Indicateurs (une feuille par ventilation), puis séances, présences, tests et évaluations.
ui-exports-save = Enregistrer sous…
ui-exports-csv = Une table en CSV
ui-exports-table = Table
ui-exports-table-indicators = Indicateurs
ui-exports-table-sessions = Séances
ui-exports-table-attendance = Présences
ui-exports-table-scores = Pré/post-tests
ui-exports-table-assessments = Évaluations
ui-exports-by = Ventilation
ui-exports-by-sex = par sexe
ui-exports-by-cadre = par profession (titre local)
ui-exports-by-category = par catégorie de profession (CITP-08)
ui-exports-by-facility = par structure
ui-exports-by-level = par niveau
ui-exports-by-programme = par programme
ui-exports-by-month = par mois
ui-exports-french-excel = Pour Excel en français (; et virgule décimale)
ui-dhis2-help = Un fichier de correspondance par instance DHIS2 relie les structures et les chiffres de Binôme aux identifiants DHIS2. Partez du modèle, complétez-le, puis exportez une période.
ui-dhis2-template = Modèle de correspondance…
ui-dhis2-mapping = Choisir le fichier de correspondance…
ui-dhis2-no-mapping = aucun fichier choisi
ui-dhis2-period = Période DHIS2
ui-dhis2-written = { $count } valeur(s) DHIS2 écrite(s) : { $path }
ui-dhis2-push-title = Envoyer au serveur DHIS2
ui-dhis2-server = Adresse du serveur
ui-dhis2-user = Utilisateur
ui-dhis2-password = Mot de passe
ui-dhis2-dry-run = Essai à blanc
ui-dhis2-import = Importer pour de vrai
ui-dhis2-dry-run-done = Essai à blanc : rien n'a été importé
ui-dhis2-import-done = Import terminé
ui-dhis2-counts = { $imported } importée(s), { $updated } mise(s) à jour, { $ignored } ignorée(s)
ui-duplicates-title = Doublons probables
ui-duplicates-find = Chercher les doublons
ui-duplicates-none = Aucun doublon probable.
ui-duplicates-first = Personne A
ui-duplicates-second = Personne B
ui-duplicates-why = Ressemblance
ui-duplicates-reason-name = nom
ui-duplicates-reason-phone = téléphone
ui-duplicates-keep-first = Garder A
ui-duplicates-keep-second = Garder B
ui-duplicates-merged = Fusion enregistrée ; { $name } est conservé·e.

## Desktop app, part 2: review, competency grids, debrief, dashboard
ui-nav-review = Validation
ui-nav-dashboard = Tableau de bord
ui-session-tab-competencies = Compétences
ui-mission-tab-debrief = Bilan
ui-open-detail = Ouvrir la fiche
ui-review-title = Validation des séances
ui-review-heading = Validation
ui-review-submit = Soumettre pour validation
ui-review-resubmit = Soumettre à nouveau (corrigée)
ui-review-comment = Commentaire pour l'expert
ui-review-validate = Valider
ui-review-return = Renvoyer pour correction
ui-review-returned-by = Renvoyée par { $who } :
ui-review-history = { $count ->
    [one] Une décision
   *[other] { $count } décisions
}
ui-review-superseded = avant la dernière modification
ui-review-filter-submitted = À valider
ui-review-filter-returned = Renvoyées, à corriger
ui-review-filter-validated = Validées
ui-review-filter-draft = Brouillons
ui-review-filter-all = Toutes
ui-review-all-missions = Toutes les missions
ui-review-empty = Aucune séance ici.
ui-review-attended = Présents
ui-review-scored = Tests saisis
ui-grid-framework = Référentiel
ui-grid-participants = Participants
ui-grid-not-observed = Non observé
ui-grid-no-level = Pas encore de niveau
ui-grid-critical = critère critique
ui-grid-keys = touches 1 à { $count } pour le niveau, 0 pour « non observé », flèches pour changer de critère
ui-grid-no-framework = Aucun référentiel de compétences : importez-en un depuis l'écran Programmes.
ui-progression-title = Progression des compétences
ui-progression-none = Aucune évaluation de compétence pour cette personne.
ui-progression-competency = Compétence
ui-progression-steps = Évaluations successives
ui-progression-up = En progrès
ui-progression-flat = Sans progrès
ui-followup-title = Observation de suivi (supervision formative)
ui-followup-start = Nouvelle observation de suivi
ui-followup-date = Date de la visite
ui-followup-open = Ouvrir la grille
ui-followup-done = Terminer
ui-debrief-figures = Les chiffres de la mission
ui-debrief-text = Bilan et recommandations
ui-dashboard-title = Tableau de bord des indicateurs
ui-dashboard-no-breakdown = sans ventilation
ui-dashboard-run = Actualiser
ui-dashboard-computing = Calcul des indicateurs en cours…

## Competency frameworks from a spreadsheet
field-domain = Domaine
field-competency_code = Code compétence
field-competency = Compétence
field-criterion = Critère
field-critical = Critique
field-levels = Échelle
field-pass_level = Niveau de réussite
import-sheet-frameworks = Référentiel
ui-import-steps = Étapes de l'import
ui-import-step-columns = Colonnes
ui-import-step-values = Valeurs
ui-import-step-preview = Aperçu et import
ui-import-sheet = Feuille :
ui-import-header-line = En-tête ligne { $line }.
ui-import-left-out = Non importées : { $columns }
ui-import-lines-left-out = Non importé (totaux, signatures) : { $lines }
ui-import-hidden-lines = { $count ->
    [one] 1 ligne masquée dans le classeur
   *[other] { $count } lignes masquées dans le classeur
} ({ $lines })
ui-import-hidden-lines-left-out = non importées
ui-import-hidden-row = Ligne masquée dans le classeur
ui-import-hidden-rows-read = Les importer aussi
ui-import-column = Colonne
ui-import-heading = Intitulé dans le fichier
ui-import-field = Champ
ui-import-full-name = Nom et prénoms (coupés après le nom en capitales)
ui-import-session-day = Présences à la séance de ce jour
ui-import-numbering = — numérotation, non importée —
ui-import-not-imported = — non importée —
ui-import-next = Suivant
ui-import-values-none = Toutes les valeurs sont reconnues.
ui-import-values-help = Ces valeurs ne sont pas reconnues. Choisissez une fois ce que chacune veut dire : le choix est retenu pour le programme.
ui-import-group-rows = { $count ->
    [one] 1 ligne
   *[other] { $count } lignes
} ({ $lines })
ui-import-close = proche : « { $value } » ?
ui-import-choose-value = — choisir —
ui-import-create-facility = Créer cette structure
ui-import-unanswered = { $count ->
    [one] 1 valeur sans réponse : ses lignes seront refusées.
   *[other] { $count } valeurs sans réponse : leurs lignes seront refusées.
}
ui-import-new-facility = Structure créée à l'import : « { $name } » ({ $level }).
ui-import-new-profession = Profession ajoutée au programme à l'import : « { $title } » ({ $category }).
ui-professions-title = Professions des programmes
ui-professions-help = Les titres en usage dans chaque programme (SFDE, ATS, matrone…), chacun rangé dans une catégorie CITP-08 pour que les indicateurs s'additionnent d'un programme à l'autre.
ui-import-create-profession = Ajouter ce titre au programme
ui-import-professions-programme = Professions du programme
ui-import-professions-common = Liste commune
ui-import-title-frameworks = Importer un référentiel de compétences
ui-import-template = Télécharger le modèle (Excel)
ui-frameworks-title = Référentiels de compétences
ui-frameworks-none = Aucun référentiel.
ui-frameworks-competencies = Compétences
ui-frameworks-import = Importer un référentiel (Excel/CSV)
ui-page-previous = Page précédente
ui-page-next = Page suivante

## Synchroniser avec les ordinateurs à proximité
error-nearby-connection = La connexion avec l'autre ordinateur a été coupée ou refusée ({ $detail }). Rien n'est à moitié enregistré : relancez la synchronisation, elle reprend où elle s'est arrêtée.
error-nearby-discovery = La recherche des ordinateurs à proximité a échoué ({ $detail }). Tapez l'adresse affichée sur l'écran de l'autre ordinateur : binome sync nearby --peer ADRESSE
error-nearby-channel = Le canal chiffré avec l'autre ordinateur n'a pas pu s'établir ({ $detail }) : est-ce bien Binôme qui répond à cette adresse ?
error-nearby-protocol = L'autre ordinateur a envoyé des données invalides ({ $detail }). Rien n'a été modifié par elles.
error-nearby-bad-signature = L'autre ordinateur ne prouve pas qu'il détient la clé qu'il présente : rien n'a été échangé.
error-nearby-unanswered = L'autre ordinateur n'a pas répondu à temps. S'il synchronise déjà avec un autre ordinateur, réessayez dans un moment. Rien n'est à moitié enregistré.
error-nearby-refused-by-peer = L'autre ordinateur refuse la synchronisation : { $reason }
error-nearby-peer-refused = Pas de synchronisation avec « { $name } » (empreinte { $fingerprint }, code { $code }) : { $reason }
error-nearby-refused-by-named-peer = « { $name } » (empreinte { $fingerprint }, code { $code }) refuse la synchronisation : { $reason }
nearby-refusal-untrusted = cet ordinateur n'est pas encore reconnu ici. Vérifiez que son écran montre le même code, comparez son empreinte (ou par téléphone), puis faites-lui confiance (binome devices trust "{ $name }") et synchronisez à nouveau.
nearby-refusal-revoked = cet ordinateur a été révoqué (perdu ou volé) : rien ne lui est envoyé, rien n'est reçu de lui.
nearby-refusal-rejected = cet ordinateur a été refusé ici.
nearby-refusal-key-mismatch = cet ordinateur présente d'autres clés que celles reconnues ici pour lui. Ne synchronisez pas avant d'avoir vérifié avec son utilisateur.
nearby-refusal-bundle-refused = son lot a été refusé à l'import.
nearby-refusal-untrusted-theirs = il ne reconnaît pas encore cet ordinateur. Sur l'autre ordinateur, comparez l'empreinte de celui-ci puis faites-lui confiance, et synchronisez à nouveau.
nearby-refusal-revoked-theirs = il a révoqué cet ordinateur.
nearby-refusal-rejected-theirs = il a refusé cet ordinateur.
nearby-refusal-key-mismatch-theirs = il connaît cet ordinateur sous d'autres clés.
nearby-refusal-bundle-refused-theirs = il a refusé le lot envoyé d'ici (voyez le message sur son écran) ; rien de ce qu'il a reçu n'est appliqué chez lui.
nearby-listening = { $address }
nearby-listening-help = En attente d'un ordinateur à proximité sur { $address } (port { $port }). Sur l'autre ordinateur : binome sync nearby --peer { $address }
nearby-connected = Connecté à « { $name } » ({ $role }), empreinte { $fingerprint }. Code de vérification : { $code } (le même doit s'afficher sur l'autre écran).
nearby-sent = Envoyé : { $versions ->
    [0] rien de nouveau.
    [one] 1 version ({ $bytes } octets).
   *[other] { $versions } versions ({ $bytes } octets).
}
nearby-none-found = Aucun ordinateur Binôme trouvé à proximité. Sur l'autre ordinateur, lancez : binome sync nearby --listen, puis tapez ici l'adresse qu'il affiche : binome sync nearby --peer ADRESSE (un Wi-Fi d'hôtel bloque souvent la recherche, pas l'adresse).
nearby-unknown-laptop = ordinateur inconnu ici
nearby-found-line = { $number }. { $name } ({ $role }) — empreinte { $fingerprint } — { $address }
nearby-pick = Numéro de l'ordinateur (1 à { $count }) :
nearby-pick-none = Aucun ordinateur choisi : rien n'a été échangé.
ui-nearby-title = Synchroniser avec les ordinateurs à proximité
ui-nearby-listening = Cet ordinateur attend les autres tant que cet écran est ouvert. Son adresse : { $addresses }
ui-nearby-not-announced = Les autres ne peuvent pas le trouver seuls sur ce réseau : tapez cette adresse sur l'autre ordinateur.
ui-nearby-found = Ordinateurs trouvés
ui-nearby-unknown = Ordinateur inconnu ici
ui-nearby-searching = Recherche en cours…
ui-nearby-none = Aucun ordinateur trouvé. Ouvrez cet écran sur l'autre ordinateur, ou tapez son adresse ci-dessous.
ui-nearby-search = Chercher à nouveau
ui-nearby-sync = Synchroniser
ui-nearby-address = Ou l'adresse affichée sur l'autre ordinateur :
ui-nearby-connect = Se connecter
ui-nearby-syncing = Synchronisation en cours…
ui-nearby-done = Synchronisé avec « { $name } » : { $sent ->
    [0] rien à envoyer.
    [one] 1 version envoyée.
   *[other] { $sent } versions envoyées.
}
ui-nearby-code = Code de vérification (le même doit s'afficher sur l'autre écran) :
ui-nearby-firewall = Sous Windows, la première fois, autorisez Binôme dans la fenêtre du pare-feu (réseaux privés, et publics pour le partage de connexion d'un téléphone). Port TCP 47474.
nearby-peer-not-found = Aucun ordinateur « { $peer } » trouvé à proximité, et ce n'est pas une adresse. L'autre ordinateur doit attendre (écran Synchronisation ouvert, ou binome sync nearby --listen) ; sinon tapez l'adresse qu'il affiche : binome sync nearby --peer ADRESSE

## Sauvegardes (écran)
ui-nav-backups = Sauvegardes
ui-backups-explained = Binôme prend une copie chiffrée de ce poste avant chaque import de tableur ou de lot, et garde les 10 dernières ; celles faites à la main (ou avant une restauration) sont comptées à part, les 5 dernières gardées quel que soit le nombre d'imports. Restaurer remet le poste dans l'état d'une sauvegarde, pour défaire un import fait par erreur.
ui-backups-now = Sauvegarder maintenant
ui-backups-taken = Sauvegarde prise ({ $when }).
ui-backups-empty = Aucune sauvegarde pour l'instant : la première sera prise avant le premier import.
ui-backups-when = Prise le
ui-backups-why = Prise avant
ui-backups-size = Taille
ui-backups-restore = Restaurer…
ui-backups-confirm-title = Restaurer la sauvegarde du { $when } ?
ui-backups-confirm-explained = Ce poste reviendra à l'état de cette sauvegarde. L'état actuel est d'abord sauvegardé (« avant une restauration ») : rien n'est perdu, et le restaurer défait cette restauration. Ce que vous avez déjà envoyé à d'autres ordinateurs vous reviendra à la prochaine synchronisation. Les personnes effacées et les ordinateurs révoqués ou refusés depuis le restent.
ui-backups-confirm = Restaurer
ui-backups-restored = Sauvegarde du { $when } restaurée. L'état d'avant est en tête de liste.
ui-backups-busy = Copie du magasin en cours… Celui de tout un pays prend environ une demi-minute : ne fermez pas Binôme.
ui-backups-reason-import-bundle = Importer un lot
ui-backups-reason-before-restore = Une restauration
ui-backups-reason-before-encryption = Le chiffrement du magasin
ui-backups-reason-by-hand = (sauvegarde manuelle)
ui-backups-reason-unknown = (fichier déposé hors de Binôme)
