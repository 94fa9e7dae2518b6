"""The privacy notice covers call-back requests too, and names the "18 or older" answer both forms keep.

Rewords the English body and the Spanish body (body_es) of the privacy notice, each only while it still
holds the words the site shipped with (the Spanish from the clinic catalogue), so staff edits stay; then
grades the notice's reading level again in both languages, as a save would."""

from decimal import Decimal

from django.db import migrations

from content.readability import reading_level
from content.shipped_content import Reword, reword_operations

CHANGES = [
    Reword(
        model='clinic.LegalPage',
        field='body',
        old=(
            'This notice explains what this website collects and why. We keep it short on purpose.\n'
            '\n'
            '## What we collect\n'
            '**Browsing this site.** We do not use analytics, advertising trackers, social media pixels or\n'
            'outside fonts. Every file on this site comes from our own server.\n'
            '\n'
            'Our server keeps a short log of each request to keep the site working and safe. Each line\n'
            'holds the time, the kind of request, the page address, whether it worked, its size, how long\n'
            'it took, and the internet address (IP address) your device used. We leave out anything after\n'
            'a "?" in a page address. We hide the private part of personal links, such as the link to\n'
            'leave the waitlist. The logs do not include what you type into forms. The server keeps these\n'
            'logs for a limited time.\n'
            '\n'
            '**The Spravato waitlist.** If you join the waitlist, we store what you give us in the form:\n'
            'your name, email, phone number, how and when you like to be contacted, your insurance type,\n'
            'how you heard about us, and your consent choices. We do not ask for your diagnosis,\n'
            'medications or symptoms, and we ask you not to type them into the form.\n'
            '\n'
            '## Why we use it\n'
            'Only to contact you about the waitlist and about starting treatment with us. We do not sell\n'
            'your information or share it for marketing. Only our intake staff can see waitlist entries.\n'
            '\n'
            '## How long we keep it\n'
            'If you leave the waitlist or decide not to go ahead, we delete your entry after a set time.\n'
            '\n'
            '## Your choices\n'
            '- Every confirmation email has a link you can use to take yourself off the waitlist.\n'
            '- You can also call or email us to see, correct or remove your information.\n'
            '\n'
            '## Cookies\n'
            'We use no tracking or advertising cookies. When you open a form that sends us your details,\n'
            'such as the waitlist, the site sets one security cookie. It is a random code that helps make\n'
            'sure the form you send really comes from this website, and it holds nothing about you. Staff\n'
            'who sign in to run the site also get a sign-in cookie.\n'
            '\n'
            '## Questions\n'
            'Call or email the clinic using the details at the bottom of every page.\n'
        ),
        new=(
            'This notice explains what this website collects and why. We keep it short on purpose.\n'
            '\n'
            '## What we collect\n'
            '**Browsing this site.** We do not use analytics, advertising trackers, social media pixels or\n'
            'outside fonts. Every file on this site comes from our own server.\n'
            '\n'
            'Our server keeps a short log of each request to keep the site working and safe. Each line\n'
            'holds the time, the kind of request, the page address, whether it worked, its size, how long\n'
            'it took, and the internet address (IP address) your device used. We leave out anything after\n'
            'a "?" in a page address. We hide the private part of personal links, such as the link to\n'
            'leave the waitlist or cancel a call back. The logs do not include what you type into forms.\n'
            'The server keeps these logs for a limited time.\n'
            '\n'
            '**The waitlist and call backs.** If you join our waitlist or ask us to call you back, we store\n'
            'what you give us in the form: your name, phone number and email, how and when you like to be\n'
            'contacted, whether you are 18 or older, and your consent choices. Email is optional when you\n'
            'ask for a call back. The waitlist also asks for your insurance type and how you heard about\n'
            'us. We note which language you used, so our emails to you are in it. We do not ask for your\n'
            'diagnosis, medications or symptoms, and we ask you not to type them into the form.\n'
            '\n'
            '## Why we use it\n'
            'Only to contact you about the waitlist or your call back, and about starting treatment with\n'
            'us. We do not sell your information or share it for marketing. Only our intake staff can see\n'
            'waitlist entries and call-back requests.\n'
            '\n'
            '## How long we keep it\n'
            'If you leave the waitlist, cancel a call back or decide not to go ahead, we delete your\n'
            'details and our notes about your request after a set time. We do the same once we have\n'
            'finished with your request.\n'
            '\n'
            '## Your choices\n'
            '- Every confirmation email has a link you can use to leave the waitlist or cancel your call\n'
            '  back.\n'
            '- You can also call or email us to see, correct or remove your information.\n'
            '\n'
            '## Cookies\n'
            'We use no tracking or advertising cookies. When you open a form that sends us your details,\n'
            'such as the waitlist, the site sets one security cookie. It is a random code that helps make\n'
            'sure the form you send really comes from this website, and it holds nothing about you. Staff\n'
            'who sign in to run the site also get a sign-in cookie.\n'
            '\n'
            '## Questions\n'
            'Call or email the clinic using the details at the bottom of every page.\n'
        ),
        where={'kind': 'privacy'},
    ),
    Reword(
        model='clinic.LegalPage',
        field='body_es',
        old=(
            'Este aviso explica qué datos recoge este sitio web y para qué. Es corto a propósito.\n'
            '\n'
            '## Qué datos recogemos\n'
            '**Cuando usted visita este sitio.** No usamos herramientas de análisis, rastreadores de publicidad,\n'
            'píxeles de redes sociales ni tipos de letra de otros sitios. Todos los archivos de este sitio vienen\n'
            'de nuestro propio servidor.\n'
            '\n'
            'Nuestro servidor guarda un registro breve de cada solicitud. Así el sitio funciona bien y es seguro.\n'
            'Cada línea guarda la hora, el tipo de solicitud, la dirección de la página, si funcionó, su tamaño,\n'
            'cuánto tardó y la dirección de internet (dirección IP) que usó su dispositivo. No guardamos nada de\n'
            'lo que va después de un "?" en la dirección de una página. Ocultamos la parte privada de los enlaces\n'
            'personales, como el enlace para salir de la lista de espera. Los registros no guardan lo que usted\n'
            'escribe en los formularios. El servidor guarda estos registros por un tiempo limitado.\n'
            '\n'
            '**La lista de espera de Spravato.** Si usted se anota en la lista de espera, guardamos lo que nos da\n'
            'en el formulario: su nombre, correo electrónico y número de teléfono, cómo y cuándo prefiere que le\n'
            'contactemos, su tipo de seguro médico, cómo supo de nosotros y sus opciones de consentimiento. No le\n'
            'pedimos su diagnóstico, sus medicinas ni sus síntomas. Por favor, no los escriba en el formulario.\n'
            '\n'
            '## Para qué los usamos\n'
            'Solo para comunicarnos con usted sobre la lista de espera y sobre cómo empezar su tratamiento con\n'
            'nosotros. No vendemos su información ni la compartimos para publicidad. Solo nuestro personal de\n'
            'admisión puede ver los datos de la lista de espera.\n'
            '\n'
            '## Cuánto tiempo los guardamos\n'
            'Si usted sale de la lista de espera o decide no seguir adelante, borramos sus datos después de un\n'
            'plazo fijo.\n'
            '\n'
            '## Sus opciones\n'
            '- Cada correo de confirmación trae un enlace que usted puede usar para salir de la lista de espera.\n'
            '- También puede llamarnos o escribirnos un correo para ver, corregir o borrar sus datos.\n'
            '\n'
            '## Cookies\n'
            'No usamos cookies de rastreo ni de publicidad. Cuando usted abre un formulario que nos envía sus\n'
            'datos, como el de la lista de espera, el sitio pone una cookie de seguridad. Es un código al azar.\n'
            'Sirve para confirmar que el formulario que usted envía viene de verdad de este sitio web. No guarda\n'
            'nada sobre usted. El personal que entra al sitio para manejarlo también recibe una cookie para\n'
            'iniciar sesión.\n'
            '\n'
            '## Preguntas\n'
            'Llame o escriba un correo a la clínica. Los datos están al final de cada página.\n'
        ),
        new=(
            'Este aviso explica qué datos recoge este sitio web y para qué. Es corto a propósito.\n'
            '\n'
            '## Qué datos recogemos\n'
            '**Cuando usted visita este sitio.** No usamos herramientas de análisis, rastreadores de publicidad,\n'
            'píxeles de redes sociales ni tipos de letra de otros sitios. Todos los archivos de este sitio vienen\n'
            'de nuestro propio servidor.\n'
            '\n'
            'Nuestro servidor guarda un registro breve de cada solicitud. Así el sitio funciona bien y es seguro.\n'
            'Cada línea guarda la hora, el tipo de solicitud, la dirección de la página, si funcionó, su tamaño,\n'
            'cuánto tardó y la dirección de internet (dirección IP) que usó su dispositivo. No guardamos nada de\n'
            'lo que va después de un "?" en la dirección de una página. Ocultamos la parte privada de los enlaces\n'
            'personales, como el enlace para salir de la lista de espera o para cancelar una llamada de regreso.\n'
            'Los registros no guardan lo que usted escribe en los formularios. El servidor guarda estos registros\n'
            'por un tiempo limitado.\n'
            '\n'
            '**La lista de espera y las llamadas de regreso.** Si usted se anota en nuestra lista de espera o nos\n'
            'pide que le llamemos, guardamos lo que nos da en el formulario: su nombre, teléfono y correo\n'
            'electrónico, cómo y cuándo prefiere que le contactemos, si tiene 18 años o más y sus opciones de\n'
            'consentimiento. Si nos pide que le llamemos, no tiene que darnos su correo. En la lista de espera\n'
            'también le preguntamos su tipo de seguro médico y cómo supo de nosotros. Anotamos el idioma que usó,\n'
            'para que nuestros correos le lleguen en ese idioma. No le pedimos su diagnóstico, sus medicinas ni\n'
            'sus síntomas. Por favor, no los escriba en el formulario.\n'
            '\n'
            '## Para qué los usamos\n'
            'Solo para comunicarnos con usted sobre la lista de espera o su llamada de regreso, y sobre cómo\n'
            'empezar su tratamiento con nosotros. No vendemos su información ni la compartimos para publicidad.\n'
            'Solo nuestro personal de admisión puede ver los datos de la lista de espera y de las llamadas de\n'
            'regreso.\n'
            '\n'
            '## Cuánto tiempo los guardamos\n'
            'Si usted sale de la lista de espera, cancela una llamada de regreso o decide no seguir adelante,\n'
            'borramos sus datos después de un plazo fijo. También borramos nuestras notas sobre su solicitud.\n'
            'Hacemos lo mismo cuando terminamos de atender su solicitud.\n'
            '\n'
            '## Sus opciones\n'
            '- Cada correo de confirmación trae un enlace que usted puede usar para salir de la lista de espera o\n'
            '  cancelar su llamada de regreso.\n'
            '- También puede llamarnos o escribirnos un correo para ver, corregir o borrar sus datos.\n'
            '\n'
            '## Cookies\n'
            'No usamos cookies de rastreo ni de publicidad. Cuando usted abre un formulario que nos envía sus\n'
            'datos, como el de la lista de espera, el sitio pone una cookie de seguridad. Es un código al azar.\n'
            'Sirve para confirmar que el formulario que usted envía viene de verdad de este sitio web. No guarda\n'
            'nada sobre usted. El personal que entra al sitio para manejarlo también recibe una cookie para\n'
            'iniciar sesión.\n'
            '\n'
            '## Preguntas\n'
            'Llame o escriba un correo a la clínica. Los datos están al final de cada página.\n'
        ),
        where={'kind': 'privacy'},
    ),
]

reword, unreword = reword_operations(CHANGES)


def grade_privacy_notice(apps, schema_editor):
    """A bulk update measures nothing: store the reading level of the notice's words as a save would."""
    pages = apps.get_model('clinic', 'LegalPage').objects.using(schema_editor.connection.alias).filter(kind='privacy')
    for page in pages:
        pages.filter(pk=page.pk).update(
            reading_grade=_score(page.body, 'en'), spanish_reading_ease=_score(page.body_es, 'es')
        )


def _score(text, language):
    level = reading_level(text=text, language=language)
    return None if level is None else Decimal(str(min(max(level.score, -99.9), 999.9)))


def forwards(apps, schema_editor):
    reword(apps, schema_editor)
    grade_privacy_notice(apps, schema_editor)


def backwards(apps, schema_editor):
    unreword(apps, schema_editor)
    grade_privacy_notice(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ('clinic', '0008_spanish_reading_ease'),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
