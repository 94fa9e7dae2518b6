"""Say each fact once per page and only what the brief supports. Changes only records still in their shipped words."""

from django.db import migrations

from content.shipped_content import Reword, reword_operations

CHANGES = [
    Reword(
        model='treatments.Treatment',
        field='summary',
        old=(
            'Ketamine given slowly through a thin tube in a vein, in a calm clinic room, while our team watches over you.'
        ),
        new='Ketamine given through a thin tube into a vein.',
        where={'slug': 'iv-ketamine-infusion'},
    ),
    Reword(
        model='treatments.Treatment',
        field='body',
        old=(
            'Ketamine is used to ease symptoms of treatment-resistant depression, anxiety and PTSD. At our clinic, we also use it for pain.\n'
            '\n'
            'In an IV (intravenous) infusion, the medicine goes straight into your bloodstream through a thin tube in a vein. Of all the ways of giving ketamine, IV is the most effective.\n'
            '\n'
            '## Why people choose IV\n'
            '\n'
            '- The effect starts slowly, and it wears off slowly.\n'
            '- Your provider can slow the infusion, lower the amount, or stop it at any time during the session.\n'
            '- It takes only one needle stick.\n'
            '- Some patients say their relief lasts longer between treatments than with a shot into a muscle (IM).\n'
        ),
        new=(
            'Ketamine is used to ease symptoms of depression, anxiety and PTSD that have not improved enough with other treatments. At our clinic, we also use it for pain.\n'
        ),
        where={'slug': 'iv-ketamine-infusion'},
    ),
    Reword(
        model='treatments.Treatment',
        field='what_to_expect',
        old=(
            '- Your treatment happens in a calm, controlled clinic setting, with close supervision.\n'
            '- A licensed provider who is trained in ketamine and can prescribe it leads your care.\n'
            '- We check your vital signs, like heart rate and blood pressure, the whole time.\n'
            '- Many patients notice a lift in mood soon after the first treatment. Everyone is different, so we cannot promise how you will feel.\n'
            '- We plan your next treatment based on how you responded to the first one.\n'
        ),
        new=(
            '- Your treatment happens in a calm, controlled clinic setting, with close supervision.\n'
            '- A licensed provider who is trained in ketamine and can prescribe it leads your care.\n'
            '- We check your vital signs, like heart rate and blood pressure, the whole time.\n'
        ),
        where={'slug': 'iv-ketamine-infusion'},
    ),
    Reword(
        model='treatments.Treatment',
        field='summary',
        old=(
            'Ketamine given as a shot into a muscle. It works quickly and strongly, and comes close to IV in how well it works.'
        ),
        new='Ketamine given as a shot into a muscle.',
        where={'slug': 'intramuscular-ketamine'},
    ),
    Reword(
        model='treatments.Treatment',
        field='body',
        old=(
            'In an intramuscular (IM) treatment, ketamine is given as a shot into a muscle. It comes close to IV in how well it works, with a fast, strong effect.\n'
            '\n'
            '## Good to know before you choose IM\n'
            '\n'
            '- The effect starts quickly and can feel sudden. Recovery takes longer than with IV.\n'
            '- Once the shot is given, it cannot be slowed or stopped. It runs its course.\n'
            '- You may need more than one shot in a session.\n'
            '- Some patients say relief does not last as long between treatments as with IV, so you may need treatments more often.\n'
        ),
        new=(
            'Ketamine is used to ease symptoms of depression, anxiety and PTSD that have not improved enough with other treatments. At our clinic, we also use it for pain.\n'
        ),
        where={'slug': 'intramuscular-ketamine'},
    ),
    Reword(
        model='treatments.Treatment',
        field='what_to_expect',
        old=(
            '- A licensed provider who is trained in ketamine and can prescribe it leads your care.\n'
            '- We check your vital signs, like heart rate and blood pressure, the whole time.\n'
            '- If you have a side effect, our staff stay with you and help you feel at ease. Sometimes they give another medicine to help, because the ketamine cannot be stopped once it is given.\n'
            '- We plan your next treatment based on how you responded to the first one.\n'
        ),
        new=(
            '- A licensed provider who is trained in ketamine and can prescribe it leads your care.\n'
            '- We check your vital signs, like heart rate and blood pressure, the whole time.\n'
        ),
        where={'slug': 'intramuscular-ketamine'},
    ),
    Reword(
        model='treatments.Treatment',
        field='summary',
        old=(
            'An FDA-approved nasal spray (esketamine) for adults, for people who would like an option without an IV.'
        ),
        new='A nasal spray (esketamine) for people who would like an option without an IV.',
        where={'slug': 'spravato'},
    ),
    Reword(
        model='treatments.Treatment',
        field='body',
        old=(
            'Spravato is a nasal spray made from esketamine, a form of ketamine. The U.S. Food and Drug Administration (FDA) has approved it for adults 18 and older:\n'
            '\n'
            '- with treatment-resistant depression. This means at least two antidepressants were tried without enough relief.\n'
            '- together with an antidepressant taken by mouth, for symptoms of depression in adults with major depression who have sudden thoughts of suicide or suicidal actions.\n'
            '\n'
            'We offer Spravato to people who would like an option without an IV. Right now, new patients join a waitlist.\n'
            '\n'
            'If you are thinking about suicide now, please do not wait: call or text [988](tel:988), or call [911](tel:911) in an emergency.\n'
            '\n'
            '## Insurance\n'
            '\n'
            'Spravato is often covered by insurance. Most plans first need prior authorization. This means your insurance company agrees to cover it before you start.\n'
        ),
        new=(
            'Esketamine is a form of ketamine. Spravato is approved for adults 18 and older:\n'
            '\n'
            '- with treatment-resistant depression. This means at least two antidepressants were tried without enough relief.\n'
            '- together with an antidepressant taken by mouth, for symptoms of depression in people with major depression who have thoughts of suicide or are acting on them right now.\n'
            '\n'
            'If you are thinking about suicide now, please do not wait for the waitlist: call or text [988](tel:988), or call [911](tel:911) in an emergency.\n'
        ),
        where={'slug': 'spravato'},
    ),
    Reword(
        model='treatments.Treatment',
        field='what_to_expect',
        old=(
            '- Spravato is only given at a certified treatment center, one that is part of a drug safety program called REMS.\n'
            '- You use the spray yourself, while a health care provider watches.\n'
            '- We check your blood pressure.\n'
            '- You stay with us for at least 2 hours after the spray, so we can watch over you.\n'
            "- Do not drive until the next day, after a restful night's sleep. Please plan for a ride home.\n"
        ),
        new=(
            '- Spravato is only given at a certified treatment center, one that is part of a drug safety program called REMS.\n'
            '- You use the spray yourself, while a health care provider watches.\n'
            '- We check your blood pressure.\n'
            '- You stay with us for at least 2 hours after the spray, so we can watch over you.\n'
        ),
        where={'slug': 'spravato'},
    ),
    Reword(
        model='treatments.Treatment',
        field='body',
        old=(
            'Ketamine-assisted psychotherapy (KAP) combines ketamine treatment with psychotherapy (talk therapy), guided by a trained professional.\n'
            '\n'
            'We do not offer KAP yet. It is coming in the near future. When it starts, we will update this page.\n'
        ),
        new='',
        where={'slug': 'ketamine-assisted-psychotherapy'},
    ),
    Reword(
        model='treatments.Route',
        field='notes',
        old=(
            'Some patients say relief from IV lasts longer between treatments than relief from IM. A licensed provider trained in ketamine leads each treatment, and your vital signs are checked the whole time.'
        ),
        new='Some patients say relief from IV lasts longer between treatments than relief from IM.',
        where={'name': 'IV infusion'},
    ),
    Reword(
        model='treatments.Route',
        field='notes',
        old=(
            'IM patients may need treatments more often than IV patients. If a side effect happens, staff help you feel at ease and sometimes give another medicine, because the dose cannot be stopped. A licensed provider trained in ketamine leads each treatment, and your vital signs are checked the whole time.'
        ),
        new=(
            'You may need IM treatments more often than IV treatments. If a side effect happens, staff stay with you and help you feel at ease. Sometimes they give another medicine to help.'
        ),
        where={'name': 'Intramuscular (IM) shot'},
    ),
    Reword(
        model='treatments.Route',
        field='notes',
        old='The medicine dissolves under the tongue. We do not offer this way at our clinic.',
        new='',
        where={'name': 'Sublingual (under the tongue)'},
    ),
    Reword(
        model='treatments.Route',
        field='notes',
        old='The medicine is swallowed. We do not offer this way at our clinic.',
        new='',
        where={'name': 'Oral (swallowed)'},
    ),
    Reword(
        model='treatments.Route',
        field='notes',
        old=(
            'Given only at a certified center. You use the spray yourself while staff watch, and stay at least 2 hours afterward.'
        ),
        new='',
        where={'name': 'Nasal spray (Spravato, esketamine)'},
    ),
    Reword(
        model='treatments.Faq',
        field='is_published',
        old=True,
        new=False,
        where={'question': 'What is ketamine treatment used for?', 'answer': (
            'It is used to ease symptoms of treatment-resistant depression, anxiety and PTSD. At our clinic, we also use it for pain.'
        )},
    ),
    Reword(
        model='treatments.Faq',
        field='is_published',
        old=True,
        new=False,
        where={'question': 'Has ketamine been used in medicine before?', 'answer': (
            'Yes. Ketamine has long been used as an anesthetic, to put people to sleep for surgery, in outpatient care and emergency departments. It is used there because of its strong safety record. Its use for mental health is a newer area of research. Early studies are promising.'
        )},
    ),
    Reword(
        model='treatments.Faq',
        field='is_published',
        old=True,
        new=False,
        where={'question': 'How soon might I feel a difference?', 'answer': (
            'Ketamine often helps within hours or days. Common antidepressants can take weeks or months. Everyone is different, so we cannot promise how you will respond.'
        )},
    ),
    Reword(
        model='treatments.Faq',
        field='is_published',
        old=True,
        new=False,
        where={'question': 'Can an IV infusion be stopped if I feel uncomfortable?', 'answer': 'Yes. During an IV infusion, your provider can slow it, lower the amount, or stop it.'},
    ),
    Reword(
        model='treatments.Faq',
        field='is_published',
        old=True,
        new=False,
        where={'question': 'How is IM different from IV?', 'answer': (
            'IM is a shot into a muscle. It works fast and strongly, close to IV, but it cannot be slowed or stopped once given, and recovery is slower. You may need more than one shot in a session.'
        )},
    ),
    Reword(
        model='treatments.Faq',
        field='is_published',
        old=True,
        new=False,
        where={'question': 'What if I have a side effect during an IM treatment?', 'answer': (
            'Our staff stay with you and help you feel at ease. Sometimes they give another medicine to help, because the ketamine cannot be stopped once it is given.'
        )},
    ),
    Reword(
        model='treatments.Faq',
        field='is_published',
        old=True,
        new=False,
        where={'question': 'Who can get Spravato?', 'answer': (
            'Spravato is approved for adults 18 and older. A provider decides with you whether it fits your situation.'
        )},
    ),
    Reword(
        model='treatments.Faq',
        field='answer',
        old=(
            'We do not have a date yet. It is coming in the near future, and this page will be updated when it starts.'
        ),
        new='We do not have a start date yet.',
        where={'question': 'When will ketamine-assisted psychotherapy start?'},
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ('treatments', '0004_reading_grade_and_status_help'),
    ]

    operations = [migrations.RunPython(*reword_operations(CHANGES))]
