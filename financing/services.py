# PLACEHOLDER by the treatments helper so the home page renders; the financing helper replaces this file.


def get_financing_teaser():
    return {"heading": "Flexible financing", "text": "We partner with CareCredit for flexible financing."}
