"""The privacy notice says which cookie the site sets; the accessibility statement claims only what is tested.

Changes only pages still in their shipped words."""

from django.db import migrations

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
            'Visitors get no tracking cookies. The site only sets a security cookie when you send a form.\n'
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
        where={'kind': 'privacy'},
    ),
    Reword(
        model='clinic.LegalPage',
        field='body',
        old=(
            'We want everyone to be able to use this website, including people who use screen readers,\n'
            'keyboards, magnification or voice control.\n'
            '\n'
            '## Our goal\n'
            'We aim to meet the **Web Content Accessibility Guidelines (WCAG) 2.2, level AA**. We test\n'
            'every public page with automated checks and by hand with a keyboard, at phone and desktop\n'
            'sizes.\n'
            '\n'
            '## What we do\n'
            '- Every page can be used with a keyboard alone, with a "skip to main content" link.\n'
            '- Text and buttons have strong color contrast.\n'
            '- Forms have clear labels, and errors are announced and linked to their fields.\n'
            '- Pages work when text is enlarged to 200%.\n'
            '\n'
            '## Tell us about a problem\n'
            'If something on this site is hard to use, please tell us. Call or email the clinic using the\n'
            'details at the bottom of this page, and we will help you get the information or service\n'
            'another way while we fix it.\n'
        ),
        new=(
            'We want everyone to be able to use this website, including people who use screen readers,\n'
            'keyboards, magnification or voice control.\n'
            '\n'
            '## Our goal\n'
            'We aim to meet the **Web Content Accessibility Guidelines (WCAG) 2.2, level AA**. We check\n'
            'every public page with automated accessibility tests, at phone and desktop sizes.\n'
            '\n'
            '## What we do\n'
            '- A "skip to main content" link lets keyboard users go straight to the page\'s content.\n'
            '- Text and buttons have strong color contrast.\n'
            '- Form fields have labels. If a form has mistakes, a list at the top names each one and\n'
            '  links to its field.\n'
            '\n'
            '## Tell us about a problem\n'
            'If something on this site is hard to use, please tell us. Call or email the clinic using the\n'
            'details at the bottom of this page, and we will help you get the information or service\n'
            'another way while we fix it.\n'
        ),
        where={'kind': 'accessibility'},
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ('clinic', '0005_legalpage_reading_grade'),
    ]

    operations = [migrations.RunPython(*reword_operations(CHANGES))]
